using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OData;
using Spm.WebApi.Errors;
using Spm.WebApi.Http;
using Spm.WebApi.Json;
using Spm.WebApi.Reads;

namespace Spm.WebApi.Batch
{
    /// <summary>
    /// POST $batch (multipart/mixed, read with ODataBatchReader and answered with ODataBatchWriter): requests outside
    /// change sets run one by one, each as if sent alone; each change set runs as one transaction (<see cref="ChangeSet"/>).
    /// The first failure ends the batch, whose status is then that failure's, unless Prefer: odata.continue-on-error.
    /// </summary>
    public static class BatchEndpoints
    {
        /// <summary>Dataverse's limit: a batch holds at most 1,000 requests.</summary>
        public const int MaxRequests = 1000;

        public const string ContinueOnError = "odata.continue-on-error";

        public static void Map(RouteGroupBuilder api)
        {
            api.MapPost("$batch", HandleAsync);
        }

        private static async Task HandleAsync(HttpContext context, WebApiServices services)
        {
            Uri serviceRoot = ReadRequest.ServiceRoot(context);
            bool continueOnError = PreferHeader.Of(context.Request).Has(ContinueOnError);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            body.Position = 0;

            var answers = new List<IReadOnlyList<BatchPartResponse>>();
            var changeSets = new HashSet<int>();
            int count = 0;
            var settings = new ODataMessageReaderSettings { BaseUri = serviceRoot, Version = ODataVersion.V4 };
            try
            {
                using var reader = new ODataMessageReader((IODataRequestMessageAsync)new BatchRequestMessage(context.Request, new Uri(serviceRoot, "$batch"), body), settings, services.Model.Model);
                ODataBatchReader batch = await reader.CreateODataBatchReaderAsync().ConfigureAwait(false);
                List<BatchOperation>? changeSet = null;
                bool stopped = false;
                while (!stopped && await batch.ReadAsync().ConfigureAwait(false))
                {
                    switch (batch.State)
                    {
                        case ODataBatchReaderState.ChangesetStart:
                            changeSet = new List<BatchOperation>();
                            break;
                        case ODataBatchReaderState.Operation:
                            if (++count > MaxRequests)
                            {
                                throw WebApiException.BadRequest($"A batch holds at most {MaxRequests} requests.");
                            }

                            BatchOperation operation = await BatchOperation.ReadAsync(await batch.CreateOperationRequestMessageAsync().ConfigureAwait(false)).ConfigureAwait(false);
                            if (changeSet is not null)
                            {
                                changeSet.Add(operation);
                            }
                            else
                            {
                                BatchPartResponse answer = await BatchSubRequest.RunAsync(BatchSubRequest.Create(context, operation), services, operation.ContentId).ConfigureAwait(false);
                                answers.Add(new[] { answer });
                                stopped = answer.Failed && !continueOnError;
                            }

                            break;
                        case ODataBatchReaderState.ChangesetEnd:
                            (IReadOnlyList<BatchPartResponse> set, bool committed) = await ChangeSet.RunAsync(context, services, changeSet!).ConfigureAwait(false);
                            if (committed)
                            {
                                changeSets.Add(answers.Count);
                            }

                            answers.Add(set);
                            changeSet = null;
                            stopped = !committed && !continueOnError;
                            break;
                    }
                }
            }
            catch (ODataException exception)
            {
                throw WebApiException.BadRequest("The $batch request is not a valid multipart/mixed batch: " + exception.Message);
            }

            await WriteAsync(context, serviceRoot, answers, changeSets, continueOnError).ConfigureAwait(false);
        }

        private static async Task WriteAsync(
            HttpContext context, Uri serviceRoot, IReadOnlyList<IReadOnlyList<BatchPartResponse>> answers, HashSet<int> changeSets, bool continueOnError)
        {
            var message = new BufferedODataResponse();
            var settings = new ODataMessageWriterSettings { BaseUri = serviceRoot, Version = ODataVersion.V4, EnableMessageStreamDisposal = false };
            settings.SetContentType(ODataFormat.Batch);
            using (var writer = new ODataMessageWriter((IODataResponseMessageAsync)message, settings))
            {
                ODataBatchWriter batch = await writer.CreateODataBatchWriterAsync().ConfigureAwait(false);
                await batch.WriteStartBatchAsync().ConfigureAwait(false);
                for (int i = 0; i < answers.Count; i++)
                {
                    bool changeSet = changeSets.Contains(i);
                    if (changeSet)
                    {
                        await batch.WriteStartChangesetAsync().ConfigureAwait(false);
                    }

                    foreach (BatchPartResponse part in answers[i])
                    {
                        await WritePartAsync(batch, part, changeSet).ConfigureAwait(false);
                    }

                    if (changeSet)
                    {
                        await batch.WriteEndChangesetAsync().ConfigureAwait(false);
                    }
                }

                await batch.WriteEndBatchAsync().ConfigureAwait(false);
                await batch.FlushAsync().ConfigureAwait(false);
            }

            // As Dataverse: a batch that stopped at a failure answers with that failure's status.
            BatchPartResponse? stop = continueOnError || answers.Count == 0 || changeSets.Contains(answers.Count - 1) ? null : answers[^1].SingleOrDefault(a => a.Failed);
            message.StatusCode = stop?.Status ?? StatusCodes.Status200OK;
            if (continueOnError)
            {
                context.Response.Headers["Preference-Applied"] = ContinueOnError;
            }

            await message.CopyToAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
        }

        private static async Task WritePartAsync(ODataBatchWriter batch, BatchPartResponse part, bool inChangeSet)
        {
            ODataBatchOperationResponseMessage response = await batch.CreateOperationResponseMessageAsync(inChangeSet ? part.ContentId : null).ConfigureAwait(false);
            response.StatusCode = part.Status;
            foreach (KeyValuePair<string, string> header in part.Headers)
            {
                response.SetHeader(header.Key, header.Value);
            }

            using Stream stream = await response.GetStreamAsync().ConfigureAwait(false);
            await stream.WriteAsync(part.Body).ConfigureAwait(false);
        }
    }
}
