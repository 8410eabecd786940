using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Domain.Credits;
using Spm.SeedOrg;
using S = Spm.Plugins.Data.SpmSchema;

namespace Spm.Sandbox.Tests;

[TestClass]
public sealed class DemoSeedTests
{
    [TestMethod]
    [DataRow("olivia", "434420.0", "133.67", "20628.60")]
    [DataRow("ethan", "606880.0", "173.39", "34938.00")]
    [DataRow("aisha", "337600.0", "112.53", "14758.00")]
    [DataRow("tyler", "138320.0", "50.30", "2791.00")]
    [DataRow("noah", "86300", "115.07", "6000.00")]
    [DataRow("lukas", "217906.72", "121.06", "9832.54")]
    [DataRow("charlotte", "161044.30", "92.03", "5927.22")]
    [DataRow("amelie", "161510.05", "100.94", "5720.80")]
    [DataRow("vp-amer", "2844800.0", "113.79", "36206.40")]
    [DataRow("vp-emea", "661034.93", "106.62", "32978.34")]
    [DataRow("cro", "3505834.93", "113.09", "71782.30")]
    public void The_plug_ins_post_each_participants_Q1_statement_from_the_quarters_deals(string participant, string credited, string attainmentPercent, string totalPayable)
    {
        Entity statement = SeededDemo.Statement(SeededDemo.Org, participant, "FY2026-Q1");

        Assert.AreEqual(decimal.Parse(credited, System.Globalization.CultureInfo.InvariantCulture), statement.GetAttributeValue<Money>(S.Statement.Credited).Value);
        Assert.AreEqual(decimal.Parse(attainmentPercent, System.Globalization.CultureInfo.InvariantCulture), statement.GetAttributeValue<decimal>(S.Statement.AttainmentPercent));
        Assert.AreEqual(decimal.Parse(totalPayable, System.Globalization.CultureInfo.InvariantCulture), statement.GetAttributeValue<Money>(S.Statement.TotalPayable).Value);
    }

    [TestMethod]
    public void Every_participants_Q1_statement_is_what_the_domain_engine_computes_for_the_same_demo()
    {
        DemoOrg demo = DemoOrg.Build(DemoOrg.AsOf);
        foreach (Deal deal in demo.Opportunities.OrderBy(d => d.ActualCloseDate ?? DemoOrg.AsOf).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            demo.Engine.ApplyDeal(deal, deal.ActualCloseDate ?? DemoOrg.AsOf);
        }

        demo.AddDemoAdjustments();
        foreach (var participant in demo.Organization.All)
        {
            var expected = demo.Engine.Statement(participant.Id, demo.Quarter, DemoOrg.AsOf);
            Entity stored = SeededDemo.Statement(SeededDemo.Org, participant.Id, "FY2026-Q1");
            Assert.AreEqual(expected.Attainment.Credited, stored.GetAttributeValue<Money>(S.Statement.Credited).Value, participant.Name + " credited");
            Assert.AreEqual(expected.Earned, stored.GetAttributeValue<Money>(S.Statement.Earned).Value, participant.Name + " earned");
            Assert.AreEqual(expected.TotalPayable, stored.GetAttributeValue<Money>(S.Statement.TotalPayable).Value, participant.Name + " payable");
        }
    }

    [TestMethod]
    public void The_quarter_is_replayed_won_lost_and_open_with_its_splits_overlay_and_adjustment()
    {
        IOrganizationService platform = SeededDemo.Org.Platform;
        var deals = platform.RetrieveMultiple(new QueryExpression(S.Opportunity.Table) { ColumnSet = new ColumnSet(S.Opportunity.State) }).Entities;

        Assert.AreEqual(59, deals.Count(d => d.GetAttributeValue<OptionSetValue>(S.Opportunity.State).Value == S.Opportunity.StateWon));
        Assert.AreEqual(27, deals.Count(d => d.GetAttributeValue<OptionSetValue>(S.Opportunity.State).Value == S.Opportunity.StateLost));
        Assert.AreEqual(28, deals.Count(d => d.GetAttributeValue<OptionSetValue>(S.Opportunity.State).Value == S.Opportunity.StateOpen));
        Assert.AreEqual(205, SeededDemo.Org.Store.Count(S.Credit.Table));
        Assert.AreEqual(SeededDemo.Demo.Opportunities.Sum(d => d.Splits.Count), SeededDemo.Org.Store.Count(S.CreditSplit.Table));
        Assert.AreEqual(1, SeededDemo.Org.Store.Count(S.Adjustment.Table));
        Assert.IsEmpty(SeededDemo.Org.History.FailedAsyncOperations, "every roll-up and share job succeeded");
    }

    [TestMethod]
    public void A_deal_in_euros_is_credited_in_dollars_at_the_rate_of_the_month_it_closed()
    {
        Deal deal = SeededDemo.Demo.Opportunities.First(d => d.CurrencyCode == "EUR" && d.Status == DealStatus.Won && d.ActualCloseDate!.Value.Month == 2);
        Entity stored = SeededDemo.Org.Platform.Retrieve(S.Opportunity.Table, DemoIds.Opportunity(deal.Id), new ColumnSet(S.Opportunity.ActualValue, S.Opportunity.ExchangeRate, S.Opportunity.ActualValueBase));

        Assert.AreEqual(0.93m, stored.GetAttributeValue<decimal>(S.Opportunity.ExchangeRate));
        Assert.AreEqual(deal.Amount, stored.GetAttributeValue<Money>(S.Opportunity.ActualValue).Value);
        Assert.AreEqual(Math.Round(deal.Amount / 0.93m, 2, MidpointRounding.AwayFromZero), stored.GetAttributeValue<Money>(S.Opportunity.ActualValueBase).Value);
    }

    [TestMethod]
    [DataRow("olivia", "Olivia Carter", "olivia.carter@northwindcloud.example", "SPM Rep", "vp-amer")]
    [DataRow("lukas", "Lukas Becker", "lukas.becker@northwindcloud.example", "SPM Rep", "vp-emea")]
    [DataRow("priya", "Priya Natarajan", "priya.natarajan@northwindcloud.example", "SPM Rep", "cro")]
    [DataRow("vp-amer", "Marcus Bennett", "marcus.bennett@northwindcloud.example", "SPM Manager", "cro")]
    [DataRow("cro", "Catherine Reyes", "catherine.reyes@northwindcloud.example", "SPM Manager", null)]
    public void Each_person_signs_in_by_domainname_with_their_role_through_their_team_and_their_manager(string participant, string name, string domainName, string role, string? manager)
    {
        Entity user = SeededDemo.Org.Platform.Retrieve(S.SystemUser.Table, DemoIds.User(participant), new ColumnSet(S.SystemUser.FullName, "domainname", S.SystemUser.Manager, S.SystemUser.IsParticipant));
        SignInEntry entry = SignInList.Read(SeededDemo.Org).Single(e => e.Id == user.Id);

        Assert.AreEqual(name, user.GetAttributeValue<string>(S.SystemUser.FullName));
        Assert.AreEqual(domainName, user.GetAttributeValue<string>("domainname"));
        Assert.IsTrue(user.GetAttributeValue<bool>(S.SystemUser.IsParticipant));
        Assert.AreEqual(manager == null ? (Guid?)null : DemoIds.User(manager), user.GetAttributeValue<EntityReference>(S.SystemUser.Manager)?.Id);
        Assert.AreEqual(role, entry.Role);
    }

    [TestMethod]
    public void The_sales_ops_admin_holds_SPM_Admin_through_their_team_and_System_Administrator_directly_and_is_no_participant()
    {
        IOrganizationService platform = SeededDemo.Org.Platform;
        Entity admin = platform.Retrieve(S.SystemUser.Table, DemoPeople.Admin.Id, new ColumnSet("domainname", S.SystemUser.IsParticipant));
        var direct = platform.RetrieveMultiple(new QueryExpression(S.SystemUserRoles.Table) { ColumnSet = new ColumnSet(S.SystemUserRoles.Role), Criteria = { Conditions = { new ConditionExpression(S.SystemUserRoles.User, ConditionOperator.Equal, admin.Id) } } }).Entities;

        Assert.AreEqual("sam.rivera@northwindcloud.example", admin.GetAttributeValue<string>("domainname"));
        Assert.IsFalse(admin.GetAttributeValue<bool>(S.SystemUser.IsParticipant));
        Assert.AreEqual(DemoSeed.SystemAdministratorRoleId, direct.Single().GetAttributeValue<Guid>(S.SystemUserRoles.Role));
        Assert.AreEqual("SPM Admin", SignInList.Read(SeededDemo.Org).Single(e => e.Id == admin.Id).Role);
    }

    [TestMethod]
    public void Every_security_team_holds_the_SPM_Earnings_profile()
    {
        var profiles = SeededDemo.Org.Platform.RetrieveMultiple(new QueryExpression("teamprofiles") { ColumnSet = new ColumnSet("teamid", "fieldsecurityprofileid") }).Entities;
        Guid earnings = SeededDemo.Org.Store.FieldSecurityProfiles.Find(DemoSeed.EarningsProfile)!.Id;

        Assert.AreSequenceEqual(
            new[] { DemoPeople.ManagersTeam, DemoPeople.RepsTeam, DemoPeople.SalesOpsTeam }.Select(DemoIds.Team).OrderBy(id => id).ToArray(),
            profiles.Where(p => p.GetAttributeValue<Guid>("fieldsecurityprofileid") == earnings).Select(p => p.GetAttributeValue<Guid>("teamid")).OrderBy(id => id).ToArray());
    }

    [TestMethod]
    [DataRow("period", "FY2026-Q1", "a8bfa006-4818-5517-b80e-992fe828bdbd")]
    [DataRow("user", "aisha", "65bb613f-c1c7-5172-b4af-690d5dc3bd6d")]
    public void The_ids_the_README_shows_are_derived_from_what_the_row_is_and_never_change(string kind, string key, string expected)
    {
        Assert.AreEqual(Guid.Parse(expected), DemoIds.Of(kind, key));
        Assert.IsNotNull(SeededDemo.Org.Store.Snapshot(kind == "user" ? S.SystemUser.Table : S.Period.Table, Guid.Parse(expected), null));
    }
}
