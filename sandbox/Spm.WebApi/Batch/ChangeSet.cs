using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Spm.Dataverse;
using Spm.WebApi.Actions;
using Spm.WebApi.Errors;
using Spm.WebApi.Identity;
using Spm.WebApi.Writes;

namespace Spm.WebApi.Batch
{
    /// <summary>
    /// A $batch change set: its requests are read in order (a "$n" in a later one names the row request n creates), then
    /// run as one ExecuteTransaction, so they commit together or not at all; each is answered from its own response.
    /// If any fails, the change set is answered with that one error and nothing of it is stored.
    /// </summary>
    internal static class ChangeSet
    {
        /// <summary>Runs the change set; Committed is false when it was refused or rolled back (its one answer is the error).</summary>
        public static async Task<(IReadOnlyList<BatchPartResponse> Answers, bool Committed)> RunAsync(HttpContext batch, WebApiServices services, IReadOnlyList<BatchOperation> operations)
        {
            var references = new ChangeSetReferences();
            var prepared = new List<(HttpContext Context, PreparedOperation Operation, string? ContentId)>();
            foreach (BatchOperation operation in operations)
            {
                HttpContext context = BatchSubRequest.Create(batch, operation);
                try
                {
                    // ODataBatchReader already refused a GET in a change set and a "$n" URL naming no earlier request.
                    BatchSubRequest.CheckTarget(context);
                    string? name = ActionEndpoints.OperationNamed(BatchSubRequest.FirstSegment(context));
                    prepared.Add((context, await BatchSubRequest.PrepareAsync(context, services, name, references).ConfigureAwait(false), operation.ContentId));
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    return (new[] { await FailureAsync(batch, exception).ConfigureAwait(false) }, false);
                }
            }

            var transaction = new ExecuteTransactionRequest
            {
                Requests = new OrganizationRequestCollection(),
                ReturnResponses = true,
            };
            foreach ((HttpContext _, PreparedOperation operation, string? _) in prepared)
            {
                transaction.Requests.Add(operation.Request);
            }

            ExecuteTransactionResponse response;
            try
            {
                response = (ExecuteTransactionResponse)batch.Caller().Service.Execute(transaction);
            }
            catch (DataverseFaultException fault)
            {
                // The fault (an ExecuteTransactionFault) carries the code and message of the request that failed.
                return (new[] { await FailureAsync(batch, fault).ConfigureAwait(false) }, false);
            }

            var answers = new List<BatchPartResponse>();
            for (int i = 0; i < prepared.Count; i++)
            {
                (HttpContext context, PreparedOperation operation, string? contentId) = prepared[i];
                try
                {
                    await operation.RespondAsync(context, response.Responses[i]).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The change set is committed; only this answer (a representation that could not be read back) fails.
                    await ErrorResponse.WriteAsync(context, exception).ConfigureAwait(false);
                }

                answers.Add(BatchPartResponse.From(context, contentId));
            }

            return (answers, true);
        }

        /// <summary>The one answer of a failed change set: the error of the request that failed.</summary>
        private static async Task<BatchPartResponse> FailureAsync(HttpContext batch, Exception exception)
        {
            var context = new DefaultHttpContext { RequestServices = batch.RequestServices };
            context.Response.Body = new System.IO.MemoryStream();
            await ErrorResponse.WriteAsync(context, exception).ConfigureAwait(false);
            return BatchPartResponse.From(context, contentId: null);
        }
    }
}
