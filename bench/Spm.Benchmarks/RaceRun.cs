extern alias SpmPlugins;

using System;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using SpmPlugins::Spm.Plugins.Steps;

namespace Spm.Benchmarks
{
    /// <summary>
    /// Issue 9's race: a sync win committing inside a roll-up. The pipeline serializes top-level requests with a reentrant
    /// lock, so a test-only step can issue new top-level requests from inside an async job on the same thread. It is
    /// registered on PreValidation of Upsert spm_ledgerstate: the first lock a roll-up job takes, after the job's reads and
    /// before any of its writes. PreValidation of a request made by an async step runs outside any transaction (the job has
    /// none), so the requests it makes commit on their own, as another user's would.
    /// </summary>
    public static class RaceRun
    {
        public static bool Run(bool creditKeys)
        {
            var today = ScaleFigures.OrgToday;
            var org = new ScaleOrg(4242, creditKeys);
            org.Clock(new DateTime(2025, 12, 1));
            org.Periods((2026, 1), (2026, 4));
            var vp = org.Participant("VP Sales", null, "Leadership", 4_000_000m);
            var director = org.Participant("Director", vp, "Region", 2_000_000m);
            var manager = org.Participant("Manager", director, "Area", 1_000_000m);
            var lead = org.Participant("Team Lead", manager, "Team Lead", 500_000m);
            var rep = org.Participant("Rep A (rolled up)", lead, "Team", 250_000m);
            var other = org.Participant("Rep B", lead, "Team", 250_000m);

            // Some Q1 history for everyone involved, through the pipeline.
            var from = new DateTime(2026, 1, 5);
            foreach (var (owner, count) in new[] { (rep, 6), (other, 6), (lead, 3) })
            {
                for (var i = 0; i < count; i++)
                {
                    var closed = from.AddDays(org.Random.Next(0, 60));
                    var amount = org.Amount();
                    var id = org.RawOpportunity("History", owner, amount, closed, from.AddDays(-10));
                    org.Win(id, amount, closed);
                    org.RunAsync();
                }
            }

            var leadDeal = org.RawOpportunity("Team lead's own", lead, 30_000m, today, today.AddDays(-20));
            var otherDeal = org.RawOpportunity("Rep B", other, 20_000m, today, today.AddDays(-20));
            var repDeal = org.NewOpenOpportunity(rep, today);

            var injector = new Injector();
            org.Pipeline.Register("Upsert", "spm_ledgerstate", PipelineStage.PreValidation, injector);
            var storeDepth = -1;
            injector.Fire = () =>
            {
                storeDepth = org.Store.TransactionDepth;
                org.Win(leadDeal, 30_000m, today);
                org.Win(otherDeal, 20_000m, today);
            };

            org.Win(repDeal, org.Estimated(repDeal), today);
            org.Pipeline.ClearRecords();
            org.Pipeline.RunAsyncSteps();
            var failed = org.Pipeline.FailedAsyncOperations.Count;
            var rollUps = org.Pipeline.Executions.Where(e => e.PluginTypeName.EndsWith("." + nameof(OpportunityRollUpPlugin), StringComparison.Ordinal) && e.MessageName == "Win").ToList();
            var rolled = rollUps.Where(e => e.PrimaryEntityId == repDeal).ToList();
            var recomputed = rolled.SelectMany(e => e.TraceLines).Count(l => l.Contains("was posted to while this change was computed", StringComparison.Ordinal));
            var syncs = org.Pipeline.Executions.Count(e => e.PluginTypeName.EndsWith("." + nameof(OpportunityCreditPlugin), StringComparison.Ordinal) && e.MessageName == "Win" && e.Succeeded);
            var check = ScaleFigures.Check(org);
            var ok = injector.Fired && failed == 0 && check.Duplicates == 0 && check.Gaps == 0 && check.Short.Count == 0;

            Console.WriteLine();
            Console.WriteLine("=== Race run: sync wins committing inside a roll-up (spm_credit alternate keys " + (creditKeys ? "on" : "off: only the plug-in's own check stands between the writers") + ") ===");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "injected: {0}; at PreValidation of the roll-up job's first Upsert spm_ledgerstate ({1}); store transactions open then: {2}", injector.Fired ? "yes" : "NO", injector.Seen, storeDepth));
            Console.WriteLine("racing requests: Win of the team lead's own deal (both write the team lead's ledger), Win of rep B's deal (same team lead)");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "sync wins inside the job: {0}; roll-up jobs run: {1} (rep A's: {2} run(s), recomputed after finding a moved ledger: {3} time(s)); failed async jobs: {4}", syncs, rollUps.Count, rolled.Count, recomputed, failed));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "ledger: {0} rows of {1} participants; duplicate (participant, sequence): {2}; participants whose sequences are not 1..n: {3}", check.Credits, check.Participants, check.Duplicates, check.Gaps));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "statements: {0} open, {1} frozen; not equal to a full recalculation (ledger sum per participant and period): {2}{3}", check.OpenStatements, check.FrozenStatements, check.Short.Count, check.Short.Count > 0 ? " — " + string.Join("; ", check.Short) : string.Empty));
            foreach (var person in new[] { (lead, "team lead"), (manager, "manager"), (director, "director"), (vp, "VP") })
            {
                var statement = org.Raw.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression(SpmPlugins::Spm.Plugins.Data.SpmSchema.Statement.Table)
                {
                    ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet(SpmPlugins::Spm.Plugins.Data.SpmSchema.Statement.Credited, SpmPlugins::Spm.Plugins.Data.SpmSchema.Statement.LedgerSequence),
                    Criteria = { Conditions = { new Microsoft.Xrm.Sdk.Query.ConditionExpression(SpmPlugins::Spm.Plugins.Data.SpmSchema.Statement.Participant, Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, person.Item1) } },
                }).Entities.Single();
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-9} open statement: credited {1:N2} at ledger sequence {2}", person.Item2, statement.GetAttributeValue<Money>(SpmPlugins::Spm.Plugins.Data.SpmSchema.Statement.Credited).Value, statement.GetAttributeValue<int>(SpmPlugins::Spm.Plugins.Data.SpmSchema.Statement.LedgerSequence)));
            }

            Console.WriteLine("race result: " + (ok ? "PASS" : "FAIL"));
            return ok;
        }

        /// <summary>Test-only step: runs <see cref="Fire"/> once, inside the first Upsert an async Win job (the roll-up) sends.</summary>
        public sealed class Injector : IPlugin
        {
            public Action? Fire { get; set; }

            public bool Fired { get; private set; }

            public string Seen { get; private set; } = string.Empty;

            public void Execute(IServiceProvider serviceProvider)
            {
                var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
                var parent = context.ParentContext;
                if (Fire == null || parent == null || parent.Mode != (int)StepMode.Asynchronous || parent.MessageName != "Win")
                {
                    return;
                }

                var fire = Fire;
                Fire = null;
                Fired = true;
                Seen = string.Format(CultureInfo.InvariantCulture, "depth {0}, in transaction: {1}; parent: {2} {3}, mode async, depth {4}", context.Depth, context.IsInTransaction, parent.MessageName, parent.PrimaryEntityName, parent.Depth);
                fire();
            }
        }
    }
}
