using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using Spm.Dataverse.Store;
using Spm.Plugins.Steps;

namespace Spm.SeedOrg
{
    /// <summary>
    /// The local organization: the in-memory Dataverse with every plug-in step of solution/ registered (the packed steps,
    /// the post-import Win and Lose steps, the custom API) and security enforced (roles, shares, field security; SYSTEM
    /// and System Administrators unrestricted), on the demo clock. Asynchronous steps wait in the pipeline's queue for
    /// whoever runs them (the Web API host's worker, or the seed after each event). Empty until <see cref="DemoSeed"/>
    /// fills it or a data file is loaded into <see cref="Store"/>.
    /// </summary>
    public sealed class SandboxOrganization
    {
        /// <summary>The organization's SYSTEM user: plug-ins' own services run as this id.</summary>
        public static readonly Guid SystemUserId = DemoIds.User("SYSTEM");

        public static readonly Guid BusinessUnitId = DemoIds.Of("businessunit", DemoOrg.OrgName);

        private SandboxOrganization(string solutionFolder, DemoClock clock, Uri? botUrl)
        {
            Clock = clock;
            BotUrl = botUrl;
            SolutionFolder = solutionFolder;
            Store = new InMemoryOrganization(DataverseMetadata.Default(), () => clock.UtcNow) { BaseCurrencyId = DemoIds.Currency("USD"), EnforceSecurity = true };
            Store.RegisterSystemUser(SystemUserId);
            Pipeline = NewPipeline(WebhookTargets(solutionFolder, botUrl), out IReadOnlyList<StepRegistration> steps);
            Steps = steps;
            History = botUrl == null ? Pipeline : NewPipeline(new Dictionary<Guid, ServiceEndpointTarget>(), out _);
        }

        private PluginPipeline NewPipeline(IReadOnlyDictionary<Guid, ServiceEndpointTarget> webhooks, out IReadOnlyList<StepRegistration> steps)
        {
            var pipeline = new PluginPipeline(Store, new PluginPipelineOptions
            {
                UtcNow = () => Clock.UtcNow,
                SystemUserId = SystemUserId,
                BusinessUnitId = BusinessUnitId,
                OrganizationName = "northwindcloud",
                ServiceEndpoints = webhooks,
                RecordLimit = 10_000,
            });

            // The plug-in assembly must be loaded for the step files' type names to resolve.
            _ = typeof(OpportunityCreditPlugin).Assembly;
            steps = pipeline.RegisterFolder(SolutionFolder);
            pipeline.RegisterCustomApi(EstimateCommissionPlugin.MessageName, new EstimateCommissionPlugin(), isFunction: true, executePrivilegeName: CustomApiFile.ExecutePrivilegeName(SolutionFolder, EstimateCommissionPlugin.MessageName));
            return pipeline;
        }

        public InMemoryOrganization Store { get; }

        /// <summary>What the host serves: every step, webhooks posting to <see cref="BotUrl"/> when there is one.</summary>
        public PluginPipeline Pipeline { get; }

        /// <summary>
        /// The same steps over the same data with webhooks recorded but never sent: the seed replays the quarter through it,
        /// because its shout-outs are history, not news for the bot. <see cref="Pipeline"/> itself when there is no bot URL.
        /// </summary>
        public PluginPipeline History { get; }

        public DemoClock Clock { get; }

        public string SolutionFolder { get; }

        /// <summary>Where the webhook steps post (the local Teams bot's /api/dataverse/events); null: posts are recorded, not sent.</summary>
        public Uri? BotUrl { get; }

        public IReadOnlyList<StepRegistration> Steps { get; }

        /// <summary>An organization with the steps of <paramref name="solutionFolder"/> (default: the solution/ folder above the running program).</summary>
        public static SandboxOrganization Create(string? solutionFolder = null, DemoClock? clock = null, Uri? botUrl = null) =>
            new SandboxOrganization(solutionFolder ?? FindSolutionFolder(), clock ?? new DemoClock(), botUrl);

        /// <summary>What a user of the CRM calls: every request runs as them, through the registered steps (and webhooks).</summary>
        public IOrganizationService ServiceAs(Guid userId) => Pipeline.CreateOrganizationService(userId);

        /// <summary>The data without plug-ins, as the platform itself writes it (the environment's users, teams, roles).</summary>
        public IOrganizationService Platform => Store.CreateService(SystemUserId);

        /// <summary>With a bot URL, every webhook of the solution (there is one: the SPM Teams bot) posts there; without, posts are only recorded.</summary>
        private static Dictionary<Guid, ServiceEndpointTarget> WebhookTargets(string solutionFolder, Uri? botUrl) =>
            botUrl == null
                ? new Dictionary<Guid, ServiceEndpointTarget>()
                : ServiceEndpointRegistration.ReadFolder(solutionFolder).ToDictionary(e => e.Id, _ => new ServiceEndpointTarget(botUrl));

        /// <summary>The repository's solution/ folder, searched upwards from the program's folder and then from the working directory.</summary>
        public static string FindSolutionFolder()
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "solution");
                    if (Directory.Exists(Path.Combine(candidate, "SdkMessageProcessingSteps")))
                    {
                        return candidate;
                    }
                }
            }

            throw new DirectoryNotFoundException(
                $"The solution/ folder (with SdkMessageProcessingSteps/) was not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; run from the repository.");
        }
    }
}
