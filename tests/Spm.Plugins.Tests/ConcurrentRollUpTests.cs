using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// Two asynchronous roll-up jobs for the same manager running side by side, as two async service workers run them. An
/// asynchronous step has no transaction: each of its calls commits on its own, so its spm_ledgerstate "lock" is released
/// the moment it is taken. Whatever the interleaving, the manager's statement must end equal to the manager's ledger.
/// </summary>
[TestClass]
public sealed class ConcurrentRollUpTests
{
    private static readonly Guid Priya = new("a0000000-0000-0000-0000-0000000000e1");
    private static readonly Guid Lena = new("a0000000-0000-0000-0000-0000000000e2");

    private static DateTime Day(int month, int day) => new(2026, month, day);

    [TestMethod]
    public void A_roll_up_job_that_finishes_while_another_writes_the_same_managers_statement_leaves_the_statement_equal_to_the_ledger()
    {
        var org = Create(Day(2, 1));
        org.AddParticipant(Priya, "Priya Nair", Dana, "East Management", 400_000m);
        org.AddParticipant(Lena, "Lena Fischer", Priya, "East", 200_000m);
        org.WonDeal("Adventure Works Renewal", Ben, 20_000.00m, Day(2, 3));
        org.Pipeline.RunAsyncSteps();
        var danaStatement = org.Statement(Dana, "FY2026-Q1")!.Id;

        // Feb 10: Ava wins Contoso on one server, Lena wins Fabrikam on another; each queues its roll-up job there.
        var other = org.SecondServer();
        org.WonDeal("Contoso Analytics Suite", Ava, 100_000.00m, Day(2, 10));
        var fabrikam = org.CreateOpportunity("Fabrikam Data Platform", Lena, 80_000.00m, Day(2, 10));
        var close = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference(S.Opportunity.Table, fabrikam), ["actualrevenue"] = new Money(80_000.00m), ["actualend"] = Day(2, 10), ["subject"] = "Won" };
        other.CreateOrganizationService(Admin).Execute(new WinOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(3) });

        // Ava's job has posted Marco's and Dana's credits and is about to save Dana's statement when Lena's job runs
        // from start to end on the other worker (it sees Ava's credit, posts its own, saves Dana's statement).
        var interleave = new RunOnce(S.Statement.Table, danaStatement, () => other.RunAsyncSteps());
        org.Pipeline.Register("Update", S.Statement.Table, PipelineStage.PreOperation, interleave);
        org.Pipeline.RunAsyncSteps();

        Assert.IsTrue(interleave.Ran, "the interleaving happened");
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations);
        Assert.IsEmpty(other.FailedAsyncOperations);
        var ledger = org.Ledger(Dana).Sum(r => r.GetAttributeValue<Money>(S.Credit.Revenue).Value);
        Assert.AreEqual(200_000.00m, ledger, "Dana's ledger: 20,000.00 + 100,000.00 + 80,000.00");
        Assert.AreEqual(200_000.00m, org.Credited(Dana, "FY2026-Q1"), "Dana's statement shows her ledger");
        Assert.AreEqual(20_000.00m, org.Payable(Dana, "FY2026-Q1"));
    }

    /// <summary>Runs an action once, the first time the given row is updated (before the update is applied).</summary>
    private sealed class RunOnce(string table, Guid id, Action action) : IPlugin
    {
        public bool Ran { get; private set; }

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            if (!Ran && context.InputParameters["Target"] is Entity target && target.LogicalName == table && target.Id == id)
            {
                Ran = true;
                action();
            }
        }
    }
}
