using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Pipeline;
using Spm.WebApi.Errors;
using Spm.WebApi.Identity;

namespace Spm.WebApi
{
    /// <summary>
    /// The Dataverse Web API of an in-memory organization over HTTP: Kestrel on 127.0.0.1, the service root at
    /// {BaseUrl}api/data/v9.2/, tokens from POST {BaseUrl}token. Start it with <see cref="StartAsync"/>; dispose to stop.
    /// </summary>
    public sealed class WebApiHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private bool _stopped;

        private WebApiHost(WebApplication app, WebApiServices services)
        {
            _app = app;
            Services = services;
        }

        public WebApiServices Services { get; }

        /// <summary>The bound URL, e.g. http://127.0.0.1:5080/.</summary>
        public Uri BaseUrl => Services.BaseUrl;

        /// <summary>The service root: http://127.0.0.1:5080/api/data/v9.2/.</summary>
        public Uri ApiUrl => Services.ApiUrl;

        /// <summary>Where a client gets a token: POST with the form field username=&lt;domainname&gt;.</summary>
        public Uri TokenUrl => new Uri(BaseUrl, TokenEndpoints.TokenPath.TrimStart('/'));

        /// <summary>Builds the host over <paramref name="pipeline"/> (whose store holds the organization) and starts listening.</summary>
        public static async Task<WebApiHost> StartAsync(PluginPipeline pipeline, DataverseMetadata metadata, WebApiHostOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (pipeline == null)
            {
                throw new ArgumentNullException(nameof(pipeline));
            }

            if (metadata == null)
            {
                throw new ArgumentNullException(nameof(metadata));
            }

            options ??= new WebApiHostOptions();
            var services = new WebApiServices(pipeline, metadata);
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(WebApiHost).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Logging.ClearProviders();
            options.Logging?.Invoke(builder.Logging);
            builder.WebHost.UseKestrel(kestrel =>
            {
                kestrel.Listen(options.Address, options.Port);
                kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize;
                kestrel.AddServerHeader = false;
            });
            builder.Services.AddSingleton(services);
            builder.Services.AddRoutingCore();

            WebApplication app = builder.Build();
            app.Use(HandleErrorsAsync);
            app.UseWhen(IsApiRequest, api =>
            {
                api.Use(ApiResponseHeaders);
                api.UseMiddleware<TokenCheck>();
            });
            WebApiRoutes.Map(app);
            options.MapMore?.Invoke(app);

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            services.Bind(new Uri(address.TrimEnd('/') + "/"), options.UtcNow);
            services.AsyncSteps.Start();
            return new WebApiHost(app, services);
        }

        /// <summary>A token for the user who signs in as <paramref name="domainName"/>, as POST /token would issue it.</summary>
        public string IssueToken(string domainName)
        {
            SignInUser user = Services.Users.FindByDomainName(domainName)
                ?? throw new ArgumentException($"No user of this organization signs in as '{domainName}'.", nameof(domainName));
            return Services.Tokens.Issue(user);
        }

        /// <summary>Completes when the asynchronous steps queued so far (and those they queue) have run.</summary>
        public Task WaitForAsyncStepsAsync() => Services.AsyncSteps.DrainAsync();

        public async Task StopAsync(CancellationToken cancellationToken = default)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
            await Services.AsyncSteps.DisposeAsync().ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            Services.Tokens.Dispose();
        }

        private static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments(WebApiRoutes.ApiPath, StringComparison.OrdinalIgnoreCase);

        private static async Task HandleErrorsAsync(HttpContext context, Func<Task> next)
        {
            try
            {
                await next().ConfigureAwait(false);
            }
            catch (Exception exception) when (!context.Response.HasStarted && exception is not OperationCanceledException)
            {
                await ErrorResponse.WriteAsync(context, exception).ConfigureAwait(false);
            }
        }

        /// <summary>OData-Version on every answer, and a drain of the asynchronous steps the request queued once it is answered.</summary>
        private static Task ApiResponseHeaders(HttpContext context, Func<Task> next)
        {
            WebApiServices services = context.RequestServices.GetRequiredService<WebApiServices>();
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["OData-Version"] = "4.0";
                return Task.CompletedTask;
            });
            context.Response.OnCompleted(() =>
            {
                services.AsyncSteps.Signal();
                return Task.CompletedTask;
            });
            return next();
        }
    }
}
