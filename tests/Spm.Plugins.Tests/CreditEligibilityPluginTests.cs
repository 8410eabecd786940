using System.Globalization;
using Microsoft.Xrm.Sdk;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>
/// Issue 9, finding 9, through the plug-in pipeline: a won deal of nothing credits nothing and is no "first deal"; users
/// whose spm_isparticipant is false and disabled users (systemuser.isdisabled) earn no credit, a deal they own or share
/// saves without an error, and their managers still get the roll-up (the domain rule: the deal rolls up from the owner's
/// place in the hierarchy; a disabled manager is skipped).
/// </summary>
[TestClass]
public sealed class CreditEligibilityPluginTests
{
    /// <summary>Sofia Marin: an AE under Marco with plan and quota, whose user was disabled when she left in March.</summary>
    private static readonly Guid Sofia = new("a0000000-0000-0000-0000-0000000000f1");

    /// <summary>Olga Novak: West's sales coordinator under Marco; owns deals she tidies up, not an SPM participant.</summary>
    private static readonly Guid Olga = new("a0000000-0000-0000-0000-0000000000f2");

    /// <summary>Hugo Brandt: a CRM administrator, no manager, not an SPM participant.</summary>
    private static readonly Guid Hugo = new("a0000000-0000-0000-0000-0000000000f3");

    /// <summary>Priya Shah: East's manager under Dana, disabled; Lena Fischer still reports to her.</summary>
    private static readonly Guid Priya = new("a0000000-0000-0000-0000-0000000000e1");

    private static readonly Guid Lena = new("a0000000-0000-0000-0000-0000000000e2");

    private static readonly Dictionary<Guid, string> Names = new()
    {
        [Ava] = "Ava", [Ben] = "Ben", [Marco] = "Marco", [Dana] = "Dana", [Sofia] = "Sofia", [Olga] = "Olga", [Hugo] = "Hugo", [Priya] = "Priya", [Lena] = "Lena",
    };

    private static DateTime Day(int month, int day) => new(2026, month, day);

    private static SpmOrganization WithNonParticipants()
    {
        var org = Create(Day(1, 12));
        org.AddParticipant(Sofia, "Sofia Marin", Marco, "West", 200_000m, isDisabled: true);
        org.AddUser(Olga, "Olga Novak", Marco, "West", isParticipant: false);
        org.AddUser(Hugo, "Hugo Brandt", null, "IT", isParticipant: false);
        org.AddParticipant(Priya, "Priya Shah", Dana, "East Management", 400_000m, isDisabled: true);
        org.AddParticipant(Lena, "Lena Fischer", Priya, "East", 200_000m);
        return org;
    }

    /// <summary>The ledger as "who kind revenue", in ledger order per participant (Owner 0, Split 1, Overlay 2, RollUp 3).</summary>
    private static string Credited(SpmOrganization org) =>
        string.Join(", ", org.Ledger().Select(r => string.Create(CultureInfo.InvariantCulture, $"{Names[r.GetAttributeValue<EntityReference>(S.Credit.Participant).Id]} {(Spm.Domain.Credits.CreditKind)(r.GetAttributeValue<OptionSetValue>(S.Credit.Kind).Value - S.Credit.KindBase)} {r.GetAttributeValue<Money>(S.Credit.Revenue).Value:0.00}")).OrderBy(t => t, StringComparer.Ordinal));

    [TestMethod]
    public void A_won_deal_worth_nothing_writes_no_credit_and_no_first_deal_shout_out()
    {
        var org = Create(Day(2, 1));

        // Ben's first won deal is a no-charge renewal: 0.00.
        org.WonDeal("Adventure Works No-Charge Renewal", Ben, 0.00m, Day(2, 9));
        org.Pipeline.RunAsyncSteps();

        Assert.IsEmpty(org.Ledger(), Credited(org));
        Assert.IsEmpty(org.Recognitions());
        Assert.IsEmpty(org.WebhookPosts(S.Recognition.Table));
        Assert.AreEqual(0.00m, org.Payable(Ben, "FY2026-Q1"));
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations);

        // His first paid deal is still his first deal.
        org.WonDeal("Litware Security Bundle", Ben, 18_300.00m, Day(2, 16));
        org.Pipeline.RunAsyncSteps();
        var shoutOut = Assert.ContainsSingle(org.Recognitions());
        Assert.AreEqual(S.Recognition.KindBase + 0, shoutOut.GetAttributeValue<OptionSetValue>(S.Recognition.Kind).Value);
        Assert.AreEqual(18_300.00m, shoutOut.GetAttributeValue<decimal?>(S.Recognition.Value));
        Assert.HasCount(1, org.WebhookPosts(S.Recognition.Table));
        Assert.AreEqual("Ben Owner 18300.00, Dana RollUp 18300.00, Marco RollUp 18300.00", Credited(org));
    }

    [TestMethod]
    public void A_won_deal_corrected_to_zero_reverses_its_credits_and_posts_no_zero_rows()
    {
        var org = Create(Day(2, 1));
        var contoso = org.WonDeal("Contoso Fleet Expansion", Ava, 48_250.00m, Day(2, 10));
        org.Pipeline.RunAsyncSteps();

        // The order was booked by mistake; sales ops corrects the actual revenue to 0.00.
        org.Today(Day(2, 12));
        org.Service.Update(new Entity(S.Opportunity.Table, contoso) { [S.Opportunity.ActualValue] = new Money(0.00m) });
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual("Ava Owner -48250.00, Ava Owner 48250.00, Dana RollUp -48250.00, Dana RollUp 48250.00, Marco RollUp -48250.00, Marco RollUp 48250.00", Credited(org));
        Assert.AreEqual(0.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(0.00m, org.Credited(Marco, "FY2026-Q1"));
    }

    [TestMethod]
    [DataRow("Sofia", "Dana RollUp 36400.00, Marco RollUp 36400.00", DisplayName = "owned by Sofia (disabled AE under Marco): Marco and Dana still roll it up")]
    [DataRow("Olga", "Dana RollUp 36400.00, Marco RollUp 36400.00", DisplayName = "owned by Olga (not a participant, under Marco): Marco and Dana still roll it up")]
    [DataRow("Hugo", "", DisplayName = "owned by Hugo (not a participant, no manager): nobody is credited")]
    public void A_deal_owned_by_someone_who_earns_no_credit_saves_and_credits_only_the_managers_above_them(string owner, string expected)
    {
        var org = WithNonParticipants();
        var who = Names.Single(n => n.Value == owner).Key;

        // Until issue 9 a non-participant owner was credited (or the save failed); now the save goes through...
        org.WonDeal("Fabrikam Warehouse Scanners", who, 36_400.00m, Day(3, 11));
        Assert.IsEmpty(org.Ledger(), "the owner is credited nothing directly: " + Credited(org));
        Assert.IsNull(org.Statement(who, "FY2026-Q1"));

        // ...and the managers' roll-up follows asynchronously.
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual(expected, Credited(org));
        Assert.IsEmpty(org.Ledger(who));
        Assert.IsNull(org.Statement(who, "FY2026-Q1"));
        Assert.IsEmpty(org.Recognitions().Where(r => r.GetAttributeValue<EntityReference>(S.Recognition.Participant).Id == who));
        var managers = expected.Length == 0 ? 0.00m : 3_640.00m; // 36,400.00 at 10%, below either manager's quota
        Assert.AreEqual(managers, org.Payable(Marco, "FY2026-Q1"));
        Assert.AreEqual(managers, org.Payable(Dana, "FY2026-Q1"));
        Assert.IsEmpty(org.Pipeline.FailedAsyncOperations);
    }

    [TestMethod]
    public void A_revenue_split_with_a_disabled_rep_credits_the_active_rep_their_share_and_the_managers_the_whole_deal()
    {
        var org = WithNonParticipants();

        // Ava and Sofia worked Northwind together, 50% each; Sofia's user was disabled before the deal closed.
        var northwind = org.CreateOpportunity("Northwind Retail POS", Ava, 52_000.00m, Day(2, 26));
        org.AddSplit(northwind, Ava, 50m);
        org.AddSplit(northwind, Sofia, 50m);
        org.Win(northwind, 52_000.00m, Day(2, 26));
        Assert.AreEqual("Ava Split 26000.00", Credited(org));
        org.Pipeline.RunAsyncSteps();

        // Ava 50% = 26,000.00; Sofia's 50% is credited to nobody directly; Marco and Dana roll up 50% + 50%.
        Assert.AreEqual("Ava Split 26000.00, Dana RollUp 52000.00, Marco RollUp 52000.00", Credited(org));
        Assert.AreEqual(2_600.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(5_200.00m, org.Payable(Marco, "FY2026-Q1"));
        Assert.IsNull(org.Statement(Sofia, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_split_moved_to_a_disabled_rep_after_the_win_withdraws_the_reps_credit_and_keeps_the_roll_up()
    {
        var org = WithNonParticipants();
        var litware = org.WonDeal("Litware Security Bundle", Ava, 31_480.75m, Day(1, 22));
        org.Pipeline.RunAsyncSteps();

        // Sales ops hands the whole deal to Sofia by a 100% split (she was disabled in March; the split is dated after).
        org.Today(Day(3, 20));
        org.AddSplit(litware, Sofia, 100m);
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual("Ava Owner -31480.75, Ava Owner 31480.75, Dana RollUp 31480.75, Marco RollUp 31480.75", Credited(org));
        Assert.AreEqual(0.00m, org.Payable(Ava, "FY2026-Q1"));
        Assert.AreEqual(3_148.08m, org.Payable(Marco, "FY2026-Q1"), "31,480.75 at 10% = 3,148.075, rounded half away from zero");
    }

    [TestMethod]
    public void A_disabled_manager_gets_no_roll_up_and_the_deal_rolls_up_past_them()
    {
        var org = WithNonParticipants();

        org.WonDeal("Proseware Migration", Lena, 27_900.00m, Day(2, 4));
        org.Pipeline.RunAsyncSteps();

        Assert.AreEqual("Dana RollUp 27900.00, Lena Owner 27900.00", Credited(org));
        Assert.AreEqual(2_790.00m, org.Payable(Lena, "FY2026-Q1"));
        Assert.AreEqual(2_790.00m, org.Payable(Dana, "FY2026-Q1"));
        Assert.IsNull(org.Statement(Priya, "FY2026-Q1"));
    }
}
