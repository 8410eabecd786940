using System;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Pipeline;
using Spm.WebApi.Edm;
using Spm.WebApi.Hosting;
using Spm.WebApi.Identity;
using Spm.WebApi.Json;

namespace Spm.WebApi
{
    /// <summary>What every endpoint of one host shares (a singleton of its service provider; endpoints take it as a parameter).</summary>
    public sealed class WebApiServices
    {
        private TokenService? _tokens;
        private Uri? _baseUrl;

        internal WebApiServices(PluginPipeline pipeline, DataverseMetadata metadata)
        {
            Pipeline = pipeline;
            Metadata = metadata;
            Model = DataverseEdmModel.Build(metadata);
            Users = new UserDirectory(pipeline);
            AsyncSteps = new AsyncStepWorker(pipeline);
            Writer = new EntityJsonWriter(this);
        }

        /// <summary>The organization's plug-in pipeline: every request's service comes from CreateOrganizationService(user).</summary>
        public PluginPipeline Pipeline { get; }

        public DataverseMetadata Metadata { get; }

        public DataverseEdmModel Model { get; }

        public UserDirectory Users { get; }

        /// <summary>Writes rows as OData JSON (ODataMessageWriter over <see cref="Model"/>).</summary>
        public EntityJsonWriter Writer { get; }

        /// <summary>Runs the asynchronous steps requests queue, after the requests, as Dataverse's asynchronous service does.</summary>
        public AsyncStepWorker AsyncSteps { get; }

        /// <summary>The host's URL, e.g. http://127.0.0.1:5080/ (known once Kestrel has bound its port).</summary>
        public Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The Web API host has not bound its port yet.");

        /// <summary>The Web API's service root: {BaseUrl}api/data/v9.2/.</summary>
        public Uri ApiUrl => new Uri(BaseUrl, WebApiRoutes.ApiPath.TrimStart('/') + "/");

        public TokenService Tokens => _tokens ?? throw new InvalidOperationException("The Web API host has not bound its port yet.");

        internal void Bind(Uri baseUrl, Func<DateTime>? utcNow)
        {
            _baseUrl = baseUrl;
            _tokens = new TokenService(baseUrl, utcNow);
        }
    }
}
