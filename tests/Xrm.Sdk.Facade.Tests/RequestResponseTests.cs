using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Xrm.Sdk.Facade.Tests;

[TestClass]
public sealed class RequestResponseTests
{
    [TestMethod]
    public void OrganizationRequest_indexer_reads_and_writes_Parameters()
    {
        var request = new OrganizationRequest("spm_RecalculateAttainment");
        request["PeriodId"] = Guid.Empty;

        Assert.AreEqual("spm_RecalculateAttainment", request.RequestName);
        Assert.AreEqual(Guid.Empty, request.Parameters["PeriodId"]);
        Assert.IsNull(request.RequestId);
        Assert.ThrowsExactly<KeyNotFoundException>(() => _ = request["Missing"]);
    }

    [TestMethod]
    public void OrganizationResponse_indexer_reads_and_writes_Results()
    {
        var response = new OrganizationResponse { ResponseName = "spm_RecalculateAttainment" };
        response["Attainment"] = 0.75m;

        Assert.AreEqual(0.75m, response.Results["Attainment"]);
        Assert.ThrowsExactly<KeyNotFoundException>(() => _ = response["Missing"]);
    }

    [TestMethod]
    public void CreateRequest_stores_Target_and_CreateResponse_reads_id()
    {
        var target = new Entity("spm_credit");
        var request = new CreateRequest { Target = target };
        Guid id = Guid.NewGuid();
        var response = new CreateResponse();
        response.Results["id"] = id;

        Assert.AreEqual("Create", request.RequestName);
        Assert.AreSame(target, request.Parameters["Target"]);
        Assert.AreEqual(id, response.id);
        Assert.AreEqual(Guid.Empty, new CreateResponse().id);
    }

    [TestMethod]
    public void Required_parameters_are_present_but_null_until_set()
    {
        var create = new CreateRequest();
        var win = new WinOpportunityRequest();

        Assert.IsTrue(create.Parameters.Contains("Target"));
        Assert.IsNull(create.Target);
        Assert.IsTrue(win.Parameters.Contains("OpportunityClose"));
        Assert.IsTrue(win.Parameters.Contains("Status"));
        Assert.IsNull(win.Status);
    }

    [TestMethod]
    public void A_generic_request_with_the_official_names_reads_back_through_the_typed_class()
    {
        var target = new EntityReference("opportunity", Guid.NewGuid());
        var typed = new RetrieveRequest();
        typed.Parameters["Target"] = target;
        typed.Parameters["ColumnSet"] = new ColumnSet("name");

        Assert.AreSame(target, typed.Target);
        Assert.AreEqual("name", typed.ColumnSet.Columns.Single());
    }

    [TestMethod]
    public void Retrieve_messages_use_the_official_names()
    {
        var target = new EntityReference("opportunity", Guid.NewGuid());
        var columns = new ColumnSet("name", "estimatedvalue");
        var request = new RetrieveRequest { Target = target, ColumnSet = columns };
        var entity = new Entity("opportunity");
        var response = new RetrieveResponse();
        response.Results["Entity"] = entity;

        Assert.AreEqual("Retrieve", request.RequestName);
        Assert.AreSame(target, request.Parameters["Target"]);
        Assert.AreSame(columns, request.Parameters["ColumnSet"]);
        Assert.AreSame(entity, response.Entity);
        Assert.IsNull(new RetrieveResponse().Entity);
    }

    [TestMethod]
    public void RetrieveMultiple_messages_use_the_official_names()
    {
        var query = new QueryExpression("opportunity");
        var request = new RetrieveMultipleRequest { Query = query };
        var page = new EntityCollection();
        var response = new RetrieveMultipleResponse();
        response.Results["EntityCollection"] = page;

        Assert.AreEqual("RetrieveMultiple", request.RequestName);
        Assert.AreSame(query, request.Parameters["Query"]);
        Assert.AreSame(page, response.EntityCollection);
    }

    [TestMethod]
    public void Update_and_Delete_messages_use_the_official_names()
    {
        var entity = new Entity("spm_quota", Guid.NewGuid()) { RowVersion = "7" };
        var update = new UpdateRequest { Target = entity, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches };
        var delete = new DeleteRequest { Target = entity.ToEntityReference() };

        Assert.AreEqual("Update", update.RequestName);
        Assert.AreSame(entity, update.Parameters["Target"]);
        Assert.AreEqual(ConcurrencyBehavior.IfRowVersionMatches, update.Parameters["ConcurrencyBehavior"]);
        Assert.AreEqual("Delete", delete.RequestName);
        Assert.AreEqual(entity.ToEntityReference(), delete.Parameters["Target"]);
        Assert.AreEqual(ConcurrencyBehavior.Default, delete.ConcurrencyBehavior, "unset behaviour reads as Default");
        Assert.IsFalse(delete.Parameters.Contains("ConcurrencyBehavior"));
    }

    [TestMethod]
    public void Upsert_messages_use_the_official_names()
    {
        var target = new Entity("spm_attainment", "spm_key", "P1|U1");
        var request = new UpsertRequest { Target = target };
        var created = new EntityReference("spm_attainment", Guid.NewGuid());
        var response = new UpsertResponse();
        response.Results["RecordCreated"] = true;
        response.Results["Target"] = created;

        Assert.AreEqual("Upsert", request.RequestName);
        Assert.AreSame(target, request.Parameters["Target"]);
        Assert.IsTrue(response.RecordCreated);
        Assert.AreSame(created, response.Target);
        Assert.IsFalse(new UpsertResponse().RecordCreated);
    }

    [TestMethod]
    public void ExecuteMultiple_messages_use_the_official_names()
    {
        var requests = new OrganizationRequestCollection { new CreateRequest { Target = new Entity("spm_credit") } };
        var settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = false };
        var request = new ExecuteMultipleRequest { Requests = requests, Settings = settings };
        var items = new ExecuteMultipleResponseItemCollection
        {
            new ExecuteMultipleResponseItem { RequestIndex = 0, Fault = new OrganizationServiceFault { ErrorCode = -2147220891 } },
        };
        var response = new ExecuteMultipleResponse();
        response.Results["IsFaulted"] = true;
        response.Results["Responses"] = items;

        Assert.AreEqual("ExecuteMultiple", request.RequestName);
        Assert.AreSame(requests, request.Parameters["Requests"]);
        Assert.AreSame(settings, request.Parameters["Settings"]);
        Assert.IsTrue(response.IsFaulted);
        Assert.AreSame(items, response.Responses);
        Assert.AreEqual(-2147220891, response.Responses[0].Fault.ErrorCode);
        Assert.IsNull(response.Responses[0].Response);
    }

    [TestMethod]
    public void ExecuteTransaction_messages_use_the_official_names()
    {
        var requests = new OrganizationRequestCollection { new CreateRequest { Target = new Entity("spm_adjustment") } };
        var request = new ExecuteTransactionRequest { Requests = requests };
        var created = new CreateResponse();
        var responses = new OrganizationResponseCollection { created };
        var response = new ExecuteTransactionResponse();
        response.Results["Responses"] = responses;

        Assert.AreEqual("ExecuteTransaction", request.RequestName);
        Assert.AreSame(requests, request.Parameters["Requests"]);
        Assert.IsNull(request.ReturnResponses);
        Assert.IsFalse(request.Parameters.ContainsKey("ReturnResponses"));
        request.ReturnResponses = true;
        Assert.IsTrue((bool)request.Parameters["ReturnResponses"]);
        Assert.AreSame(responses, response.Responses);
        Assert.AreSame(created, response.Responses[0]);
        Assert.IsNull(new ExecuteTransactionResponse().Responses);
    }

    [TestMethod]
    public void ExecuteTransactionFault_is_an_OrganizationServiceFault_with_the_failed_request_index()
    {
        OrganizationServiceFault fault = new ExecuteTransactionFault { FaultedRequestIndex = 1, ErrorCode = -2147220891, Message = "Refused." };

        Assert.AreEqual(1, ((ExecuteTransactionFault)fault).FaultedRequestIndex);
        Assert.AreEqual(-2147220891, fault.ErrorCode);
        Assert.AreEqual("Refused.", fault.Message);
    }

    [TestMethod]
    public void WinOpportunity_and_LoseOpportunity_use_OpportunityClose_and_Status()
    {
        var close = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", Guid.NewGuid()) };
        var win = new WinOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(3) };
        var lose = new LoseOpportunityRequest { OpportunityClose = close, Status = new OptionSetValue(4) };

        Assert.AreEqual("WinOpportunity", win.RequestName);
        Assert.AreSame(close, win.Parameters["OpportunityClose"]);
        Assert.AreEqual(new OptionSetValue(3), win.Parameters["Status"]);
        Assert.AreEqual("LoseOpportunity", lose.RequestName);
        Assert.AreSame(close, lose.Parameters["OpportunityClose"]);
        Assert.AreEqual(new OptionSetValue(4), lose.Status);
    }

    [TestMethod]
    public void Assign_uses_Target_and_Assignee()
    {
        var target = new EntityReference("opportunity", Guid.NewGuid());
        var assignee = new EntityReference("systemuser", Guid.NewGuid());
        var request = new AssignRequest { Target = target, Assignee = assignee };

        Assert.AreEqual("Assign", request.RequestName);
        Assert.AreSame(target, request.Parameters["Target"]);
        Assert.AreSame(assignee, request.Parameters["Assignee"]);
    }

    [TestMethod]
    public void SetState_uses_EntityMoniker_State_and_Status()
    {
        var moniker = new EntityReference("spm_statement", Guid.NewGuid());
        var request = new SetStateRequest { EntityMoniker = moniker, State = new OptionSetValue(1), Status = new OptionSetValue(2) };

        Assert.AreEqual("SetState", request.RequestName);
        Assert.AreSame(moniker, request.Parameters["EntityMoniker"]);
        Assert.AreEqual(new OptionSetValue(1), request.Parameters["State"]);
        Assert.AreEqual(new OptionSetValue(2), request.Parameters["Status"]);
    }

    [TestMethod]
    public void Responses_of_the_proxy_messages_start_without_results()
    {
        OrganizationResponse[] responses = [new WinOpportunityResponse(), new LoseOpportunityResponse(), new AssignResponse(), new SetStateResponse(), new UpdateResponse(), new DeleteResponse()];

        foreach (OrganizationResponse response in responses)
        {
            Assert.IsEmpty(response.Results, response.GetType().Name);
        }
    }
}
