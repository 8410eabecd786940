using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Registration;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// An asynchronous roll-up job has no transaction: each call commits on its own, so a job that fails half-way leaves the
/// rows it wrote before the failure. Its retry must still leave every manager's statement equal to their ledger. (Found
/// by LedgerPropertyTests with seeds 11, 2026, 424242, 7 and 90210 once zero-value wins, non-participant owners, disabled
/// reps and renames were added; these are the two smallest scenarios it reduces to.)
/// </summary>
[TestClass]
public sealed class RollUpRetryTests
{
    private static DateTime Day(int month, int day) => new(2026, month, day);

    private static decimal Ledger(SpmOrganization org, Guid participant) => org.Ledger(participant).Sum(r => r.GetAttributeValue<Money>(S.Credit.Revenue).Value);

    [TestMethod]
    public void A_roll_up_job_failing_after_the_first_managers_credit_writes_that_managers_statement_on_retry()
    {
        var org = Create(Day(2, 1));
        org.WonDeal("Litware Data Migration", Ava, 100_000.00m, Day(2, 17));

        // Marco's roll-up row is stored, then saving Dana's times out; the retry finds Marco's row and posts only Dana's.
        org.Pipeline.Register("Create", S.Credit.Table, PipelineStage.PreOperation, new FailFirstWrite(S.Credit.Table, Dana));
        org.Pipeline.RunAsyncSteps();

        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations);
        Assert.AreEqual(100_000.00m, Ledger(org, Marco));
        Assert.AreEqual(100_000.00m, org.Credited(Dana, "FY2026-Q1"));
        Assert.AreEqual(100_000.00m, org.Credited(Marco, "FY2026-Q1"), "Marco's statement shows his ledger");
        Assert.AreEqual(10_000.00m, org.Payable(Marco, "FY2026-Q1"), "100,000.00 of 400,000.00 at 10%");
    }

    [TestMethod]
    public void A_roll_up_job_failing_after_its_reversals_re_derives_the_managers_statements_on_retry()
    {
        var org = Create(Day(2, 1));
        var litware = org.WonDeal("Litware Data Migration", Ava, 60_000.00m, Day(2, 17));
        org.Pipeline.RunAsyncSteps();
        Assert.AreEqual(6_000.00m, org.Payable(Marco, "FY2026-Q1"));

        // Re-opened on Mar 2: the roll-up job reverses Marco's and Dana's rows, then saving Marco's statement times out.
        var marcos = org.Statement(Marco, "FY2026-Q1")!.Id;
        org.Pipeline.Register("Update", S.Statement.Table, PipelineStage.PreOperation, new FailFirstWrite(S.Statement.Table, marcos));
        org.Reopen(litware, Day(3, 2));
        org.Pipeline.RunAsyncSteps();

        // The retry finds the ledger already reversed (no active credit left on the deal) and must still re-derive both.
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations);
        Assert.AreEqual(0.00m, Ledger(org, Marco));
        Assert.AreEqual(0.00m, org.Credited(Marco, "FY2026-Q1"), "Marco's statement shows his ledger");
        Assert.AreEqual(0.00m, org.Payable(Marco, "FY2026-Q1"));
        Assert.AreEqual(0.00m, org.Credited(Dana, "FY2026-Q1"), "Dana's statement shows her ledger");
    }

    /// <summary>A timeout on the first write of one row (a statement by id) or for one participant (a credit).</summary>
    private sealed class FailFirstWrite(string table, Guid match) : IPlugin
    {
        private bool _failed;

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var target = (Entity)context.InputParameters["Target"];
            if (!_failed && target.LogicalName == table && (target.Id == match || target.GetAttributeValue<EntityReference>("spm_participantid")?.Id == match))
            {
                _failed = true;
                throw new InvalidPluginExecutionException("Timeout expired while saving (simulated).");
            }
        }
    }
}
