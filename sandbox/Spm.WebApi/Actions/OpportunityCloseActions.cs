using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Spm.WebApi.Batch;
using Spm.WebApi.Errors;
using Spm.WebApi.Writes;

namespace Spm.WebApi.Actions
{
    /// <summary>
    /// POST WinOpportunity / LoseOpportunity with {"Status": n, "OpportunityClose": {…, "opportunityid@odata.bind": "/opportunities(id)"}}:
    /// the WinOpportunityRequest / LoseOpportunityRequest the SDK sends, so the Win and Lose steps run; 204 when it succeeds.
    /// </summary>
    internal static class OpportunityCloseActions
    {
        public const string Win = "WinOpportunity";
        public const string Lose = "LoseOpportunity";

        private const string StatusParameter = "Status";
        private const string CloseParameter = "OpportunityClose";

        public static bool Serves(string name) => name is Win or Lose;

        public static async Task<PreparedOperation> PrepareAsync(HttpContext context, WebApiServices services, string action, ChangeSetReferences? references)
        {
            using JsonDocument body = await JsonRequestBody.ReadAsync(context).ConfigureAwait(false);
            JsonElement root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw WebApiException.BadQuery($"The body of {action} is a JSON object with its parameters {CloseParameter} and {StatusParameter}.");
            }

            string? unknown = root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n is not StatusParameter and not CloseParameter && !n.StartsWith("@", StringComparison.Ordinal));
            if (unknown is not null)
            {
                throw WebApiException.BadQuery($"{action} has no parameter '{unknown}': its parameters are {CloseParameter} and {StatusParameter}.");
            }

            if (!root.TryGetProperty(StatusParameter, out JsonElement status) || status.ValueKind != JsonValueKind.Number || !status.TryGetInt32(out int statusCode))
            {
                throw WebApiException.BadQuery($"{action} needs the parameter {StatusParameter}: the opportunity's status reason (a whole number, e.g. 3 for Won, 4 for Lost).");
            }

            if (!root.TryGetProperty(CloseParameter, out JsonElement close) || close.ValueKind != JsonValueKind.Object)
            {
                throw WebApiException.BadQuery(
                    $"{action} needs the parameter {CloseParameter}: the opportunity close activity, e.g. {{\"subject\": \"Won\", \"opportunityid@odata.bind\": \"/opportunities(<id>)\"}}.");
            }

            Entity opportunityClose = WriteRequest.BodyReader(context, services, references).Read(services.Metadata.GetTable("opportunityclose"), close);
            OrganizationRequest request = action == Win
                ? new WinOpportunityRequest { OpportunityClose = opportunityClose, Status = new OptionSetValue(statusCode) }
                : new LoseOpportunityRequest { OpportunityClose = opportunityClose, Status = new OptionSetValue(statusCode) };
            return new PreparedOperation(request, (ctx, _) =>
            {
                ctx.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            });
        }
    }
}
