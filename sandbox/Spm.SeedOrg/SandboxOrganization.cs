using System;
using System.Collections.Generic;
using System.IO;
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
            Pipeline = new PluginPipeline(Store, new PluginPipelineOptions
            {
                UtcNow = () => clock.UtcNow,
                SystemUserId = SystemUserId,
                BusinessUnitId = BusinessUnitId,
                OrganizationName = "northwindcloud",
            });

            // The plug-in assembly must be loaded for the step files' type names to resolve.
            _ = typeof(OpportunityCreditPlugin).Assembly;
            Steps = Pipeline.RegisterFolder(solutionFolder);
            Pipeline.RegisterCustomApi(EstimateCommissionPlugin.MessageName, new EstimateCommissionPlugin(), isFunction: true);
        }

        public InMemoryOrganization Store { get; }

        public PluginPipeline Pipeline { get; }

        public DemoClock Clock { get; }

        public string SolutionFolder { get; }

        /// <summary>Where the webhook steps post instead of the endpoint rows' URL (the local Teams bot); null keeps the rows' URL.</summary>
        public Uri? BotUrl { get; }

        public IReadOnlyList<StepRegistration> Steps { get; }

        /// <summary>An organization with the steps of <paramref name="solutionFolder"/> (default: the solution/ folder above the running program).</summary>
        public static SandboxOrganization Create(string? solutionFolder = null, DemoClock? clock = null, Uri? botUrl = null) =>
            new SandboxOrganization(solutionFolder ?? FindSolutionFolder(), clock ?? new DemoClock(), botUrl);

        /// <summary>What a user of the CRM calls: every request runs as them, through the registered steps.</summary>
        public IOrganizationService ServiceAs(Guid userId) => Pipeline.CreateOrganizationService(userId);

        /// <summary>The data without plug-ins, as the platform itself writes it (the environment's users, teams, roles).</summary>
        public IOrganizationService Platform => Store.CreateService(SystemUserId);

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
