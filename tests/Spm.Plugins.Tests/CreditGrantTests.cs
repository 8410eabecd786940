using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse;
using static Spm.Plugins.Tests.SpmOrganization;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Plugins.Tests;

/// <summary>Who may grant credit: the guard on spm_creditsplit Create, Update and Delete (CreditGrantPolicy).</summary>
[TestClass]
public sealed class CreditGrantTests
{
    private static DateTime Day(int month, int day) => new(2026, month, day);

    private static Entity SplitRow(Guid opportunity, Guid participant, decimal percent, bool overlay)
    {
        var row = new Entity(S.CreditSplit.Table);
        row[S.CreditSplit.Opportunity] = new EntityReference(S.Opportunity.Table, opportunity);
        row[S.CreditSplit.Participant] = new EntityReference(S.SystemUser.Table, participant);
        row[S.CreditSplit.Percent] = percent;
        row[S.CreditSplit.Kind] = new OptionSetValue(overlay ? S.CreditSplit.KindOverlay : S.CreditSplit.KindRevenue);
        return row;
    }

    private static Guid AddSplitAs(SpmOrganization org, Guid caller, Guid opportunity, Guid participant, decimal percent, bool overlay = false) =>
        org.ServiceAs(caller).Create(SplitRow(opportunity, participant, percent, overlay));

    private static List<Entity> Splits(SpmOrganization org) =>
        org.Raw.RetrieveMultiple(new QueryExpression(S.CreditSplit.Table) { ColumnSet = new ColumnSet(S.CreditSplit.Opportunity, S.CreditSplit.Participant, S.CreditSplit.Percent, S.CreditSplit.Kind) }).Entities.ToList();

    [TestMethod]
    public void A_manager_cannot_give_themself_a_full_overlay_on_a_reports_deal()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Contoso Analytics Suite", Ava, 125_000.00m, Day(2, 10));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => AddSplitAs(org, Marco, deal, Marco, 100m, overlay: true));

        // Without the guard Marco's payable went 0 → 12,500.00 (125,000 of 400,000 at 10%).
        Assert.Contains("You cannot grant credit to yourself: the 100% overlay for Marco Reyes on Contoso Analytics Suite was not saved", error.Message);
        Assert.AreEqual(0m, org.Payable(Marco, "FY2026-Q1"));
        Assert.IsEmpty(Splits(org));
        Assert.IsEmpty(org.Ledger(Marco));
    }

    [TestMethod]
    public void A_manager_outside_the_owners_line_cannot_split_a_deal_of_the_business_unit_and_learns_nothing_about_it()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Contoso Analytics Suite", Ava, 125_000.00m, Day(2, 10));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => AddSplitAs(org, Priya, deal, Noah, 100m));

        Assert.Contains($"You can grant credit only on deals owned by people who report to you; opportunity {deal} is not, so the 100% revenue split for Noah Kim was not saved.", error.Message);
        Assert.DoesNotContain("Contoso", error.Message);
        Assert.DoesNotContain("Ava", error.Message);
        Assert.IsEmpty(Splits(org));
        Assert.IsEmpty(org.Ledger(Noah));
    }

    [TestMethod]
    public void Overlays_are_granted_by_an_spm_admin_and_refused_to_a_manager()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Contoso Analytics Suite", Ava, 125_000.00m, Day(2, 10));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => AddSplitAs(org, Marco, deal, Ben, 20m, overlay: true));
        AddSplitAs(org, Admin, deal, Ben, 20m, overlay: true);

        // Ben's overlay: 125,000 × 20% = 25,000 credited, 10% = 2,500.00.
        Assert.Contains("Only an SPM Admin grants overlay credit: the 20% overlay for Ben Okafor on Contoso Analytics Suite was not saved.", error.Message);
        Assert.AreEqual(25_000.00m, org.Credited(Ben, "FY2026-Q1"));
        Assert.AreEqual(2_500.00m, org.Payable(Ben, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_system_administrator_may_grant_an_overlay_too()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Contoso Analytics Suite", Ava, 125_000.00m, Day(2, 10));
        org.Role(SystemAdministratorRole, "System Administrator", Priya);

        AddSplitAs(org, Priya, deal, Ben, 20m, overlay: true);

        Assert.AreEqual(25_000.00m, org.Credited(Ben, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_localized_system_administrator_role_is_known_by_its_template()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Contoso Analytics Suite", Ava, 125_000.00m, Day(2, 10));
        var template = new Guid("627090ff-40a3-4053-8790-584edc5be201");
        var localized = new Guid("b0000000-0000-0000-0000-0000000000de");
        org.Raw.Create(new Entity("roletemplate", template) { ["name"] = "System Administrator" });
        org.Raw.Create(new Entity("role", localized) { ["name"] = "Systemadministrator", ["roletemplateid"] = new EntityReference("roletemplate", template) });
        org.Role(localized, "Systemadministrator", Priya);

        AddSplitAs(org, Priya, deal, Ben, 20m, overlay: true);

        Assert.AreEqual(25_000.00m, org.Credited(Ben, "FY2026-Q1"));
    }

    [TestMethod]
    public void An_spm_admin_role_held_through_a_team_counts()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Contoso Analytics Suite", Ava, 125_000.00m, Day(2, 10));
        var team = new Guid("f0000000-0000-0000-0000-0000000000a1");
        org.Raw.Create(new Entity("team", team) { ["name"] = "Sales Operations" });
        org.Raw.Create(new Entity("teamroles") { ["teamid"] = team, ["roleid"] = SpmAdminRole });
        org.Raw.Create(new Entity("teammembership") { ["teamid"] = team, ["systemuserid"] = Priya });

        AddSplitAs(org, Priya, deal, Ben, 20m, overlay: true);

        Assert.AreEqual(25_000.00m, org.Credited(Ben, "FY2026-Q1"));
    }

    [TestMethod]
    public void The_owners_manager_may_move_a_reports_credit_to_a_colleague()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Contoso Analytics Suite", Ava, 125_000.00m, Day(2, 10));

        AddSplitAs(org, Marco, deal, Ben, 100m);

        Assert.AreEqual(125_000.00m, org.Credited(Ben, "FY2026-Q1"));
        Assert.AreEqual(0m, org.Credited(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void The_owner_cannot_split_their_own_deal()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Contoso Analytics Suite", Ava, 125_000.00m, Day(2, 10));

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => AddSplitAs(org, Ava, deal, Ben, 100m));

        Assert.Contains("You own Contoso Analytics Suite", error.Message);
        Assert.IsEmpty(Splits(org));
    }

    [TestMethod]
    public void Moving_a_split_to_a_deal_outside_the_managers_line_is_refused_and_the_split_stays()
    {
        var org = Create(Day(2, 1));
        var avas = org.WonDeal("Contoso Analytics Suite", Ava, 125_000.00m, Day(2, 10));
        var noahs = org.WonDeal("Fabrikam Field Service", Noah, 80_000.00m, Day(2, 11));
        var split = AddSplitAs(org, Marco, avas, Ben, 100m);

        var move = new Entity(S.CreditSplit.Table, split) { [S.CreditSplit.Opportunity] = new EntityReference(S.Opportunity.Table, noahs) };
        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.ServiceAs(Marco).Update(move));

        Assert.Contains($"opportunity {noahs} is not", error.Message);
        Assert.DoesNotContain("Fabrikam", error.Message);
        Assert.AreEqual(avas, Splits(org).Single().GetAttributeValue<EntityReference>(S.CreditSplit.Opportunity).Id);
        Assert.AreEqual(125_000.00m, org.Credited(Ben, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_manager_above_both_owners_moves_a_split_and_both_deals_are_re_posted()
    {
        var org = Create(Day(2, 1));
        var avas = org.WonDeal("Contoso Analytics Suite", Ava, 125_000.00m, Day(2, 10));
        var noahs = org.WonDeal("Fabrikam Field Service", Noah, 80_000.00m, Day(2, 11));
        var split = AddSplitAs(org, Dana, avas, Ben, 100m);

        org.ServiceAs(Dana).Update(new Entity(S.CreditSplit.Table, split) { [S.CreditSplit.Opportunity] = new EntityReference(S.Opportunity.Table, noahs) });

        // Ava's deal is hers again (125,000); Ben now takes Noah's whole deal (80,000).
        Assert.AreEqual(125_000.00m, org.Credited(Ava, "FY2026-Q1"));
        Assert.AreEqual(80_000.00m, org.Credited(Ben, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_manager_cannot_remove_a_split_from_a_deal_outside_their_line()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Contoso Analytics Suite", Ava, 125_000.00m, Day(2, 10));
        var split = AddSplitAs(org, Marco, deal, Ben, 100m);

        var error = Assert.ThrowsExactly<DataverseFaultException>(() => org.ServiceAs(Priya).Delete(S.CreditSplit.Table, split));
        org.ServiceAs(Marco).Delete(S.CreditSplit.Table, split);

        Assert.Contains("was not removed", error.Message);
        Assert.IsEmpty(Splits(org));
        Assert.AreEqual(125_000.00m, org.Credited(Ava, "FY2026-Q1"));
    }

    [TestMethod]
    public void A_split_a_plug_in_writes_with_its_system_service_is_trusted_even_when_a_manager_started_it()
    {
        var org = Create(Day(2, 1));
        var deal = org.WonDeal("Contoso Analytics Suite", Ava, 125_000.00m, Day(2, 10));
        org.Pipeline.RegisterCustomApi("spm_TestSystemSplit", new SystemSplitPlugin(deal, Ben), isFunction: false);

        org.ServiceAs(Marco).Execute(new OrganizationRequest("spm_TestSystemSplit"));

        // Registered code decided, not Marco: Ben's 20% overlay stands, 25,000.00 credited.
        Assert.AreEqual(25_000.00m, org.Credited(Ben, "FY2026-Q1"));
    }

    /// <summary>Registered code that writes an overlay as SYSTEM: the platform's own kind of caller.</summary>
    private sealed class SystemSplitPlugin(Guid opportunity, Guid participant) : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
            factory.CreateOrganizationService(null).Create(SplitRow(opportunity, participant, 20m, overlay: true));
        }
    }
}
