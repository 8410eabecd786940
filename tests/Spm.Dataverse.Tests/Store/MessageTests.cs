using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Store;

[TestClass]
public sealed class MessageTests
{
    [TestMethod]
    public void Assign_moves_ownership_and_stamps_the_modification()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);
        org.Clock = SalesOrg.Now.AddDays(1);

        org.As(org.Marco).Execute(new AssignRequest { Target = new EntityReference("opportunity", id), Assignee = new EntityReference("systemuser", org.Ben) });

        Entity row = org.Service.Retrieve("opportunity", id, new ColumnSet("ownerid", "modifiedby", "modifiedon"));
        Assert.AreEqual(new EntityReference("systemuser", org.Ben), row["ownerid"]);
        Assert.AreEqual(new EntityReference("systemuser", org.Marco), row["modifiedby"]);
        Assert.AreEqual(SalesOrg.Now.AddDays(1), row["modifiedon"]);
    }

    [TestMethod]
    public void Assign_to_a_missing_user_faults_and_keeps_the_owner()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Execute(new AssignRequest
        {
            Target = new EntityReference("opportunity", id),
            Assignee = new EntityReference("systemuser", Guid.Parse("0badc0de-0000-4000-8000-000000000000")),
        }));

        Assert.AreEqual(DataverseErrors.ObjectDoesNotExist, fault.ErrorCode);
        Assert.AreEqual(new EntityReference("systemuser", org.Ava), org.Service.Retrieve("opportunity", id, new ColumnSet("ownerid"))["ownerid"]);
    }

    [TestMethod]
    public void SetState_with_status_minus_one_takes_the_default_status_of_the_state()
    {
        var org = new SalesOrg();
        Guid id = ValidationTests.Period(org);

        org.Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("spm_period", id), State = new OptionSetValue(1), Status = new OptionSetValue(-1) });

        Entity row = org.Service.Retrieve("spm_period", id, new ColumnSet("statecode", "statuscode"));
        Assert.AreEqual(new OptionSetValue(1), row["statecode"]);
        Assert.AreEqual(new OptionSetValue(2), row["statuscode"]);
    }

    [TestMethod]
    public void WinOpportunity_closes_the_deal_with_the_close_activity_date_and_revenue()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Northwind Logistics Renewal", org.Ava, 50_000.00m, org.Eur);

        org.As(org.Ava).Execute(new WinOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose")
            {
                ["opportunityid"] = new EntityReference("opportunity", id),
                ["actualrevenue"] = new Money(46_000.00m),
                ["actualend"] = new DateTime(2025, 3, 12, 16, 45, 0, DateTimeKind.Utc),
                ["subject"] = "Won: Northwind renewal",
            },
            Status = new OptionSetValue(3),
        });

        Entity opportunity = org.Service.Retrieve("opportunity", id, new ColumnSet(true));
        Assert.AreEqual(new OptionSetValue(1), opportunity["statecode"]);
        Assert.AreEqual(new OptionSetValue(3), opportunity["statuscode"]);
        Assert.AreEqual(new DateTime(2025, 3, 12), opportunity["actualclosedate"]);
        Assert.AreEqual(new Money(46_000.00m), opportunity["actualvalue"]);
        Assert.AreEqual(new Money(50_000.00m), opportunity["actualvalue_base"]); // 46,000 EUR / 0.92

        Entity close = org.Service.RetrieveMultiple(new QueryExpression("opportunityclose") { ColumnSet = new ColumnSet(true) }).Entities.Single();
        Assert.AreEqual(new EntityReference("opportunity", id), close["opportunityid"]);
        Assert.AreEqual("Won: Northwind renewal", close["subject"]);
        Assert.AreEqual(new OptionSetValue(1), close["statecode"]);
        Assert.AreEqual(new EntityReference("transactioncurrency", org.Eur), close["transactioncurrencyid"]);
    }

    [TestMethod]
    public void WinOpportunity_without_an_end_date_closes_today_by_the_injected_clock()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        org.Service.Execute(new WinOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", id) },
            Status = new OptionSetValue(-1),
        });

        Entity row = org.Service.Retrieve("opportunity", id, new ColumnSet("actualclosedate", "statuscode", "actualvalue"));
        Assert.AreEqual(new DateTime(2025, 3, 14), row["actualclosedate"]);
        Assert.AreEqual(new OptionSetValue(3), row["statuscode"]);
        Assert.IsFalse(row.Contains("actualvalue"));
    }

    [TestMethod]
    public void LoseOpportunity_as_out_sold_closes_the_deal_as_lost()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Fabrikam Data Platform", org.Ben, 72_000.00m);

        org.Service.Execute(new LoseOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", id) },
            Status = new OptionSetValue(5),
        });

        Entity row = org.Service.Retrieve("opportunity", id, new ColumnSet("statecode", "statuscode", "actualclosedate"));
        Assert.AreEqual(new OptionSetValue(2), row["statecode"]);
        Assert.AreEqual(new OptionSetValue(5), row["statuscode"]);
        Assert.AreEqual(new DateTime(2025, 3, 14), row["actualclosedate"]);
    }

    [TestMethod]
    public void LoseOpportunity_with_the_won_status_faults_and_creates_no_close_activity()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Fabrikam Data Platform", org.Ben, 72_000.00m);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Execute(new LoseOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", id) },
            Status = new OptionSetValue(3),
        }));

        Assert.AreEqual(DataverseErrors.InvalidStateCodeStatusCode, fault.ErrorCode);
        Assert.StartsWith("3 is not a valid status code for state code OpportunityState.Lost", fault.Message);
        Assert.AreEqual(0, org.Org.Count("opportunityclose"));
    }

    [TestMethod]
    public void Winning_an_opportunity_that_is_already_won_faults()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Fabrikam Data Platform", org.Ben, 72_000.00m);
        var win = new WinOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", id) },
            Status = new OptionSetValue(3),
        };
        org.Service.Execute(win);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Execute(win));

        Assert.AreEqual(DataverseErrors.InvalidState, fault.ErrorCode);
        Assert.Contains("OpportunityState.Won", fault.Message);
    }

    [TestMethod]
    public void ExecuteMultiple_continuing_on_error_returns_each_response_and_the_fault_of_the_bad_request()
    {
        var org = new SalesOrg();
        var request = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = new Entity("opportunity") { ["name"] = "Deal 1" } },
                new CreateRequest { Target = new Entity("opportunity") { ["name"] = "Deal 2", ["estimatedvalue"] = 10m } },
                new CreateRequest { Target = new Entity("opportunity") { ["name"] = "Deal 3" } },
            },
        };

        var response = (ExecuteMultipleResponse)org.Service.Execute(request);

        Assert.IsTrue(response.IsFaulted);
        Assert.HasCount(3, response.Responses);
        Assert.IsInstanceOfType<CreateResponse>(response.Responses[0].Response);
        Assert.AreEqual(1, response.Responses[1].RequestIndex);
        Assert.AreEqual(DataverseErrors.InvalidArgument, response.Responses[1].Fault.ErrorCode);
        Assert.IsNull(response.Responses[1].Response);
        Assert.AreEqual(2, org.Org.Count("opportunity"));
    }

    [TestMethod]
    public void ExecuteMultiple_stops_at_the_first_fault_and_without_ReturnResponses_returns_only_faults()
    {
        var org = new SalesOrg();
        var request = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false },
            Requests = new OrganizationRequestCollection
            {
                new CreateRequest { Target = new Entity("opportunity") { ["name"] = "Deal 1" } },
                new DeleteRequest { Target = new EntityReference("opportunity", Guid.Parse("00000000-0000-4000-8000-0000000000ff")) },
                new CreateRequest { Target = new Entity("opportunity") { ["name"] = "Deal 3" } },
            },
        };

        var response = (ExecuteMultipleResponse)org.Service.Execute(request);

        Assert.HasCount(1, response.Responses);
        Assert.AreEqual(1, response.Responses[0].RequestIndex);
        Assert.AreEqual(DataverseErrors.ObjectDoesNotExist, response.Responses[0].Fault.ErrorCode);
        Assert.AreEqual(1, org.Org.Count("opportunity"));
    }

    [TestMethod]
    public void Update_with_a_stale_row_version_faults_ConcurrencyVersionMismatch_and_keeps_the_newer_value()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);
        Entity read = org.Service.Retrieve("opportunity", id, new ColumnSet("closeprobability"));
        org.Service.Update(new Entity("opportunity", id) { ["closeprobability"] = 70 });

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Execute(new UpdateRequest
        {
            Target = new Entity("opportunity", id) { ["closeprobability"] = 20, RowVersion = read.RowVersion },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        }));

        Assert.AreEqual(-2147088254, fault.ErrorCode);
        Assert.AreEqual("The version of the existing record doesn't match the RowVersion property provided.", fault.Message);
        Assert.AreEqual(70, org.Service.Retrieve("opportunity", id, new ColumnSet("closeprobability"))["closeprobability"]);
    }

    [TestMethod]
    public void Update_and_delete_with_the_current_row_version_succeed()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);
        string version = org.Service.Retrieve("opportunity", id, new ColumnSet("name")).RowVersion;

        org.Service.Execute(new UpdateRequest
        {
            Target = new Entity("opportunity", id) { ["closeprobability"] = 90, RowVersion = version },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        });
        string current = org.Service.Retrieve("opportunity", id, new ColumnSet("name")).RowVersion;
        var stale = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Execute(new DeleteRequest
        {
            Target = new EntityReference("opportunity", id) { RowVersion = version },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        }));
        org.Service.Execute(new DeleteRequest
        {
            Target = new EntityReference("opportunity", id) { RowVersion = current },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        });

        Assert.AreEqual(DataverseErrors.ConcurrencyVersionMismatch, stale.ErrorCode);
        Assert.AreEqual(0, org.Org.Count("opportunity"));
    }

    [TestMethod]
    public void IfRowVersionMatches_without_a_row_version_faults_ConcurrencyVersionNotProvided()
    {
        var org = new SalesOrg();
        Guid id = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Execute(new UpdateRequest
        {
            Target = new Entity("opportunity", id) { ["closeprobability"] = 20 },
            ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches,
        }));

        Assert.AreEqual(DataverseErrors.ConcurrencyVersionNotProvided, fault.ErrorCode);
    }

    [TestMethod]
    public void An_unsupported_message_faults_naming_it()
    {
        var org = new SalesOrg();

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Execute(new OrganizationRequest("QualifyLead")));

        Assert.AreEqual(DataverseErrors.NotImplemented, fault.ErrorCode);
        Assert.Contains("'QualifyLead'", fault.Message);
    }
}
