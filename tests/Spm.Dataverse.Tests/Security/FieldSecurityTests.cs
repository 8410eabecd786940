using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Security;

namespace Spm.Dataverse.Tests.Security;

/// <summary>
/// The SPM Earnings profile: earned, payable and draw amounts and their base-currency twins come back only to holders
/// of the profile (through their team) and to System Administrators, by id and by query, and nobody but a System
/// Administrator sets them (the profile allows no create or update: the plug-ins write them as SYSTEM). The one amount
/// a person enters, a manual adjustment's, is set by sales ops through the SPM Adjustments profile.
/// </summary>
[TestClass]
public sealed class FieldSecurityTests
{
    [DataRow("spm_statement", "spm_earned")]
    [DataRow("spm_statement", "spm_earned_base")]
    [DataRow("spm_statement", "spm_totalpayable")]
    [DataRow("spm_statement", "spm_totalpayable_base")]
    [DataRow("spm_statement", "spm_drawbalance")]
    [DataRow("spm_statement", "spm_drawbalance_base")]
    [DataRow("spm_attainment", "spm_earned")]
    [DataRow("spm_attainment", "spm_earned_base")]
    [DataRow("spm_statementline", "spm_amount")]
    [DataRow("spm_statementline", "spm_amount_base")]
    [DataRow("spm_statementline", "spm_creditamount")]
    [DataRow("spm_statementline", "spm_creditamount_base")]
    [DataRow("spm_adjustment", "spm_amount")]
    [DataRow("spm_adjustment", "spm_amount_base")]
    [TestMethod]
    public void A_secured_amount_is_read_by_profile_holders_only_by_id_and_by_query(string table, string column)
    {
        var org = new SecuredOrg();
        Guid lenas = org.Row(table, "Lena");
        Guid avas = org.Row(table, "Ava");

        Assert.IsTrue(org.Store.IsSecuredColumn(table, column));

        // Lena reads her own row (SPM Rep) but her team has no profile; Ava's team has it, so does Marco's (her row is shared with him).
        Assert.IsFalse(org.As("Lena").Retrieve(table, lenas, new ColumnSet(column, "spm_name")).Contains(column), "Lena by id");
        Assert.IsFalse(org.As("Lena").RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true) }).Entities.Single().Contains(column), "Lena by query");
        Assert.IsTrue(org.As("Lena").Retrieve(table, lenas, new ColumnSet(column, "spm_name")).Contains("spm_name"), "Lena reads the rest of her row");
        Assert.IsTrue(org.As("Ava").Retrieve(table, avas, new ColumnSet(column)).Contains(column), "Ava by id");
        Assert.IsTrue(org.As("Marco").Retrieve(table, avas, new ColumnSet(column)).Contains(column), "Marco by id");
        Assert.IsTrue(org.As("Iris").Retrieve(table, lenas, new ColumnSet(column)).Contains(column), "a System Administrator");

        // The same column over a link-entity: Lena's user row joined to her own row carries no amount.
        var users = new QueryExpression("systemuser") { ColumnSet = new ColumnSet("fullname") };
        users.AddLink(table, "systemuserid", "ownerid", JoinOperator.Inner).Columns = new ColumnSet(column);
        users.LinkEntities[0].EntityAlias = "row";
        Assert.IsFalse(org.As("Lena").RetrieveMultiple(users).Entities.Single().Contains("row." + column), "Lena over a link-entity");
        Assert.IsTrue(org.As("Ava").RetrieveMultiple(users).Entities.Single().Contains("row." + column), "Ava over a link-entity");
    }

    [DataRow("spm_statement", "spm_earned", 1_250.00)]
    [DataRow("spm_attainment", "spm_earned", 1_250.00)]
    [DataRow("spm_statementline", "spm_amount", 1_250.00)]
    [DataRow("spm_adjustment", "spm_amount", 1_250.00)]
    [TestMethod]
    public void A_filter_or_sort_on_a_secured_amount_reveals_nothing_to_a_reader_without_the_profile(string table, string column, double avasAmount)
    {
        var org = new SecuredOrg();
        QueryExpression Above(decimal floor)
        {
            var query = new QueryExpression(table) { ColumnSet = new ColumnSet("spm_name") };
            query.Criteria.AddCondition(column, ConditionOperator.GreaterThan, floor);
            return query;
        }

        // Ava's 1,250.00 matches "more than 1,000" for her; Lena's 900.00 is below it, and "null" is all she can test.
        Assert.HasCount(1, org.As("Ava").RetrieveMultiple(Above(1_000m)).Entities);
        Assert.AreEqual((decimal)avasAmount, org.As("Ava").Retrieve(table, org.Row(table, "Ava"), new ColumnSet(column)).GetAttributeValue<Money>(column).Value);
        Assert.IsEmpty(org.As("Lena").RetrieveMultiple(Above(0m)).Entities);
        var unset = new QueryExpression(table) { ColumnSet = new ColumnSet("spm_name") };
        unset.Criteria.AddCondition(column, ConditionOperator.Null);
        Assert.HasCount(1, org.As("Lena").RetrieveMultiple(unset).Entities, "to Lena her amount is empty");
    }

    [DataRow("Sofia", "spm_statement", "spm_earned")]
    [DataRow("Sofia", "spm_statement", "spm_totalpayable")]
    [DataRow("Sofia", "spm_statementline", "spm_amount")]
    [DataRow("Sofia", "spm_attainment", "spm_earned")]
    [TestMethod]
    public void Sales_ops_may_not_change_a_secured_amount_and_nothing_changes(string user, string table, string column)
    {
        var org = new SecuredOrg();
        Guid row = org.Row(table, "Ava");

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.As(user).Update(new Entity(table, row) { [column] = new Money(99_999.00m), ["spm_name"] = "edited" }));

        // Statements, lines and attainment are the plug-ins' alone: no write privilege, whatever the profile.
        Assert.AreEqual(SecurityErrors.PrivilegeDenied, fault.ErrorCode, fault.Message);

        Entity stored = org.System.Retrieve(table, row, new ColumnSet(column, "spm_name"));
        Assert.AreEqual(1_250.00m, stored.GetAttributeValue<Money>(column).Value);
        Assert.AreEqual(table == "spm_statementline" ? "Commission – Ava" : "Ava – FY2026-Q1", stored.GetAttributeValue<string>("spm_name"));
    }

    /// <summary>
    /// Booking a manual adjustment is sales ops' job: the SPM Adjustments profile of their team lets them set the amount.
    /// Hugo holds SPM Admin but sits in no SPM team, so the amount stays closed to him; a rep or a manager may not create
    /// an adjustment at all.
    /// </summary>
    [DataRow("Sofia", 0)]
    [DataRow("Iris", 0)]
    [DataRow("Hugo", SecurityErrors.SecuredColumnCreateDenied)]
    [DataRow("Ava", SecurityErrors.PrivilegeDenied)]
    [DataRow("Marco", SecurityErrors.PrivilegeDenied)]
    [TestMethod]
    public void Sales_ops_holding_the_adjustments_profile_enter_an_adjustment_amount_and_nobody_else_but_a_system_administrator(string user, int refusal)
    {
        var org = new SecuredOrg();
        org.AddUser("Hugo", "Hugo Brandt", SecuredOrg.Contoso, SecuredOrg.SpmAdminRole);
        var adjustment = new Entity("spm_adjustment")
        {
            ["spm_name"] = "Quota relief – Ben",
            ["spm_participantid"] = new EntityReference("systemuser", org["Ben"]),
            ["spm_periodid"] = new EntityReference("spm_period", SecuredOrg.Q1),
            ["spm_amount"] = new Money(400.00m),
            ["spm_reason"] = "Territory moved mid-quarter",
        };
        int before = org.Store.Count("spm_adjustment");

        if (refusal == 0)
        {
            Guid created = org.As(user).Create(adjustment);
            Assert.AreEqual(400.00m, org.System.Retrieve("spm_adjustment", created, new ColumnSet("spm_amount")).GetAttributeValue<Money>("spm_amount").Value);
            Assert.AreEqual(before + 1, org.Store.Count("spm_adjustment"));
            return;
        }

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.As(user).Create(adjustment));
        Assert.AreEqual(refusal, fault.ErrorCode, fault.Message);
        if (refusal == SecurityErrors.SecuredColumnCreateDenied)
        {
            Assert.AreEqual(
                $"The user does not have create permissions to a secured field. The requested operation could not be completed. User {org["Hugo"]:D}, field spm_adjustment.spm_amount: no field security profile of the user allows create.",
                fault.Message);
        }

        Assert.AreEqual(before, org.Store.Count("spm_adjustment"));
    }

    [DataRow("Sofia", 0)]
    [DataRow("Hugo", SecurityErrors.SecuredColumnUpdateDenied)]
    [TestMethod]
    public void Sales_ops_holding_the_adjustments_profile_correct_an_adjustment_amount(string user, int refusal)
    {
        var org = new SecuredOrg();
        org.AddUser("Hugo", "Hugo Brandt", SecuredOrg.Contoso, SecuredOrg.SpmAdminRole);
        Guid row = org.Row("spm_adjustment", "Ben");
        var correction = new Entity("spm_adjustment", row) { ["spm_amount"] = new Money(2_750.00m) };

        if (refusal == 0)
        {
            org.As(user).Update(correction);
        }
        else
        {
            var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.As(user).Update(correction));
            Assert.AreEqual(refusal, fault.ErrorCode);
            Assert.AreEqual(
                $"The user doesn't have AttributePrivilegeUpdate and not granted shared access for a secured attribute during update operation. User {org[user]:D}, field spm_adjustment.spm_amount: no field security profile of the user allows update.",
                fault.Message);
        }

        Assert.AreEqual(refusal == 0 ? 2_750.00m : 2_500.00m, org.System.Retrieve("spm_adjustment", row, new ColumnSet("spm_amount")).GetAttributeValue<Money>("spm_amount").Value);
    }

    [TestMethod]
    public void Giving_a_team_the_profile_shows_its_members_the_amounts_on_their_next_request()
    {
        var org = new SecuredOrg();
        Guid row = org.Row("spm_statement", "Lena");
        Assert.IsFalse(org.As("Lena").Retrieve("spm_statement", row, new ColumnSet("spm_earned")).Contains("spm_earned"));

        org.System.Create(new Entity("teamprofiles") { ["teamid"] = SecuredOrg.LenasTeam, ["fieldsecurityprofileid"] = SecuredOrg.EarningsProfile });

        Assert.AreEqual(900.00m, org.As("Lena").Retrieve("spm_statement", row, new ColumnSet("spm_earned")).GetAttributeValue<Money>("spm_earned").Value);
    }

    [TestMethod]
    public void The_profile_held_directly_by_a_user_counts_as_through_a_team()
    {
        var org = new SecuredOrg();
        org.System.Create(new Entity("systemuserprofiles") { ["systemuserid"] = org["Lena"], ["fieldsecurityprofileid"] = SecuredOrg.EarningsProfile });

        Assert.AreEqual(900.00m, org.As("Lena").Retrieve("spm_attainment", org.Row("spm_attainment", "Lena"), new ColumnSet("spm_earned")).GetAttributeValue<Money>("spm_earned").Value);
    }

    [DataRow("spm_statement", "spm_credited")]
    [DataRow("spm_attainment", "spm_attainmentpercent")]
    [DataRow("spm_credit", "spm_revenue")]
    [DataRow("spm_quota", "spm_amount")]
    [TestMethod]
    public void Credit_quota_and_attainment_figures_are_not_secured(string table, string column)
    {
        var org = new SecuredOrg();

        Assert.IsFalse(org.Store.IsSecuredColumn(table, column));
        Assert.IsTrue(org.As("Lena").Retrieve(table, org.Row(table, "Lena"), new ColumnSet(column)).Contains(column));
    }
}
