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

        // Feb 10: Ava wins Contoso on one server, Lena wins Fabrikam on another; each queues its roll-up job there.
        var other = org.SecondServer();
        org.WonDeal("Contoso Analytics Suite", Ava, 100_000.00m, Day(2, 10));
        var fabrikam = org.CreateOpportunity("Fabrikam Data Platform", Lena, 80_000.00m, Day(2, 10));
        var close = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference(S.Opportunity.Table, fabrikam), ["actualrevenue"] = new Money(80_000.00m), ["actualend"] = Day(2, 10), ["subject"] = "Won" };
        other.CreateOrganizationService(Admin).Execute(new WinOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(3) });

        // Ava's job has read everything, locked Marco's and Dana's ledgers and checked them, when Lena's job runs from start
        // to end on the other worker (posting Dana's next row and statement). The simulator nests a call made from inside a
        // request in that request's transaction, so the other worker is started from a read (which commits), not a write.
        var interleave = new RunAfterLedgerCheck(Dana, () => other.RunAsyncSteps());
        org.Pipeline.Register("Upsert", S.LedgerState.Table, PipelineStage.PostOperation, interleave.Locked);
        org.Pipeline.Register("RetrieveMultiple", S.Credit.Table, PipelineStage.PostOperation, interleave.Checked);
        org.Pipeline.RunAsyncSteps();

        Assert.IsTrue(interleave.Ran, "the interleaving happened");
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations, "Ava's job lost the race on Dana's next sequence (the key refused it) and its retry completed");
        Assert.IsEmpty(other.FailedAsyncOperations);
        var ledger = org.Ledger(Dana).Sum(r => r.GetAttributeValue<Money>(S.Credit.Revenue).Value);
        Assert.AreEqual(200_000.00m, ledger, "Dana's ledger: 20,000.00 + 100,000.00 + 80,000.00");
        Assert.AreEqual(200_000.00m, org.Credited(Dana, "FY2026-Q1"), "Dana's statement shows her ledger");
        Assert.AreEqual(20_000.00m, org.Payable(Dana, "FY2026-Q1"));
    }

    /// <summary>Runs an action once, right after the job checked a participant's ledger under its lock and before it writes.</summary>
    private sealed class RunAfterLedgerCheck(Guid participant, Action action)
    {
        private bool _locked;

        public bool Ran { get; private set; }

        public IPlugin Locked => new Hook(context =>
        {
            if (context.PrimaryEntityId == participant)
            {
                _locked = true;
            }
        });

        public IPlugin Checked => new Hook(_ =>
        {
            if (_locked && !Ran)
            {
                Ran = true;
                action();
            }
        });

        private sealed class Hook(Action<IPluginExecutionContext> run) : IPlugin
        {
            public void Execute(IServiceProvider serviceProvider) => run((IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!);
        }
    }
}
