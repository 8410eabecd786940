using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Spm.WebApi.Batch;
using Spm.WebApi.Edm;
using Spm.WebApi.Identity;
using Spm.WebApi.Writes;

namespace Spm.WebApi.Actions
{
    /// <summary>
    /// Functions and actions: WinOpportunity and LoseOpportunity (POST), and the solution's custom APIs (a function with
    /// GET &lt;name&gt;(…), an action with POST &lt;name&gt;), each run through the caller's service so the pipeline's steps run.
    /// </summary>
    public static class ActionEndpoints
    {
        /// <summary>The custom APIs served: the solution's (customapis/).</summary>
        internal static IReadOnlyList<CustomApiDefinition> CustomApis => CustomApiCatalog.Default;

        /// <summary>Adds the functions and actions this feature serves to the model (so ODataUriParser and $metadata know them).</summary>
        public static void AddOperations(DataverseEdmModel edm)
        {
            OperationModel.AddOpportunityCloseActions(edm);
            foreach (CustomApiDefinition api in CustomApis.Where(a => a.BoundEntityLogicalName is null))
            {
                OperationModel.AddCustomApi(edm, api);
            }
        }

        public static void Map(RouteGroupBuilder api)
        {
            foreach (string action in new[] { OpportunityCloseActions.Win, OpportunityCloseActions.Lose })
            {
                api.MapPost(action, context => RunAsync(context, action));
            }

            foreach (CustomApiDefinition custom in CustomApis.Where(a => a.BoundEntityLogicalName is null))
            {
                if (custom.IsFunction)
                {
                    api.MapGet(custom.UniqueName, context => RunAsync(context, custom.UniqueName));
                    api.MapGet(custom.UniqueName + "()", context => RunAsync(context, custom.UniqueName));
                    api.MapGet(custom.UniqueName + "({parameters})", context => RunAsync(context, custom.UniqueName));
                }
                else
                {
                    api.MapPost(custom.UniqueName, context => RunAsync(context, custom.UniqueName));
                }
            }
        }

        /// <summary>The operation a request names (its first path segment up to '('), or null when it names none this feature serves.</summary>
        internal static string? OperationNamed(string segment)
        {
            int parenthesis = segment.IndexOf('(', System.StringComparison.Ordinal);
            string name = parenthesis < 0 ? segment : segment.Substring(0, parenthesis);
            return OpportunityCloseActions.Serves(name) || CustomApis.Any(a => a.UniqueName == name) ? name : null;
        }

        /// <summary>Reads a call of <paramref name="operation"/> into its organization request; <paramref name="references"/> is its change set's, or null.</summary>
        internal static Task<PreparedOperation> PrepareAsync(HttpContext context, WebApiServices services, string operation, ChangeSetReferences? references) =>
            OpportunityCloseActions.Serves(operation)
                ? OpportunityCloseActions.PrepareAsync(context, services, operation, references)
                : CustomApiRequest.PrepareAsync(context, services, CustomApis.Single(a => a.UniqueName == operation), references);

        private static async Task RunAsync(HttpContext context, string operation)
        {
            WebApiServices services = context.RequestServices.GetRequiredService<WebApiServices>();
            PreparedOperation call = await PrepareAsync(context, services, operation, references: null).ConfigureAwait(false);
            await call.ExecuteAsync(context, context.Caller().Service).ConfigureAwait(false);
        }
    }
}
