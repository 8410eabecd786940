using System.Diagnostics;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Pipeline;
using Spm.Dataverse.Registration;

namespace Spm.Dataverse.Tests.Pipeline;

/// <summary>Service-endpoint steps post over HTTP to a local receiver, with Dataverse's body, headers, key and failure rules.</summary>
[TestClass]
public sealed class WebhookDeliveryTests
{
    private static readonly Guid Endpoint = new("d663614c-e824-5f19-b125-43a3ab9da005");
    private static readonly Guid StepId = new("0b7e5f70-1c2d-4e3f-8a9b-000000000618");
    private const string KeySettings = "<settings><setting name=\"x-spm-webhook-key\" value=\"k-7f3a9c\" /></settings>";
    private const string Contract = "http://schemas.microsoft.com/xrm/2011/Contracts";

    // The members of RemoteExecutionContext, Entity and EntityReference as DataContractJsonSerializer writes them (ordinal order).
    private static readonly string[] ContextMembers =
    {
        "BusinessUnitId", "CorrelationId", "Depth", "InitiatingUserAgent", "InitiatingUserAzureActiveDirectoryObjectId", "InitiatingUserId",
        "InputParameters", "IsExecutingOffline", "IsInTransaction", "IsOfflinePlayback", "IsolationMode", "MessageName", "Mode",
        "OperationCreatedOn", "OperationId", "OrganizationId", "OrganizationName", "OutputParameters", "OwningExtension", "ParentContext",
        "PostEntityImages", "PreEntityImages", "PrimaryEntityId", "PrimaryEntityName", "RequestId", "SecondaryEntityName", "SharedVariables",
        "Stage", "UserAzureActiveDirectoryObjectId", "UserId",
    };

    private static readonly string[] EntityMembers = { "Attributes", "EntityState", "FormattedValues", "Id", "KeyAttributes", "LogicalName", "RelatedEntities", "RowVersion" };

    private static readonly string[] ReferenceMembers = { "Id", "KeyAttributes", "LogicalName", "Name", "RowVersion" };

    private static PluginPipeline Pipeline(WebhookReceiver receiver, out Microsoft.Xrm.Sdk.IOrganizationService ava, StepMode mode = StepMode.Asynchronous,
        ServiceEndpointAuthType auth = ServiceEndpointAuthType.HttpHeader, string? authValue = KeySettings, ServiceEndpointTarget? target = null, TimeSpan? timeout = null)
    {
        var options = new PluginPipelineOptions
        {
            UtcNow = () => new DateTime(2025, 3, 14, 9, 30, 0, DateTimeKind.Utc),
            ServiceEndpoints = new Dictionary<Guid, ServiceEndpointTarget> { [Endpoint] = target ?? new ServiceEndpointTarget(receiver.Url("/api/dataverse/events")) },
            WebhookTimeout = timeout ?? TimeSpan.FromSeconds(60),
        };
        PluginPipeline pipeline = TestPipeline.Create(out _, options);
        pipeline.RegisterServiceEndpoint(new ServiceEndpointRegistration(Endpoint, "SPM Teams bot")
        {
            Url = new Uri("https://spm-bot.example.invalid/api/dataverse/events"),
            AuthType = auth,
            AuthValue = authValue,
        });
        pipeline.Register(new StepRegistration
        {
            Id = StepId,
            Name = "SPM Teams bot: Create of opportunity",
            PluginTypeName = string.Empty,
            ServiceEndpointId = Endpoint,
            MessageName = MessageNames.Create,
            SdkMessageId = SdkMessageCatalog.CreateId,
            PrimaryEntity = "opportunity",
            Stage = PipelineStage.PostOperation,
            Mode = mode,
        });
        ava = pipeline.CreateOrganizationService(Users.Ava);
        return pipeline;
    }

    private static Guid CreateDeal(Microsoft.Xrm.Sdk.IOrganizationService service) =>
        service.Create(new Entity("opportunity")
        {
            ["name"] = "Contoso fleet renewal / 2025",
            ["estimatedvalue"] = new Money(125_000.50m),
            ["estimatedclosedate"] = new DateTime(2025, 6, 30, 0, 0, 0, DateTimeKind.Utc),
            ["closeprobability"] = 60,
            ["ownerid"] = new EntityReference("systemuser", Users.Ava),
        });

    [TestMethod]
    public void The_post_carries_the_remote_execution_context_in_dataverse_json()
    {
        using var receiver = new WebhookReceiver();
        PluginPipeline pipeline = Pipeline(receiver, out var ava);
        Guid deal = CreateDeal(ava);

        Assert.AreEqual(1, pipeline.RunAsyncSteps());

        ReceivedRequest request = receiver.Requests.Single();
        Assert.AreEqual("POST", request.Method);
        Assert.AreEqual("/api/dataverse/events", request.Target);
        Assert.StartsWith("application/json", request.Headers["content-type"]);
        using JsonDocument body = JsonDocument.Parse(request.Body);
        JsonElement root = body.RootElement;
        Assert.AreSequenceEqual(ContextMembers, root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual("Create", root.GetProperty("MessageName").GetString());
        Assert.AreEqual("opportunity", root.GetProperty("PrimaryEntityName").GetString());
        Assert.AreEqual(deal, root.GetProperty("PrimaryEntityId").GetGuid());
        Assert.AreEqual(40, root.GetProperty("Stage").GetInt32());
        Assert.AreEqual(1, root.GetProperty("Mode").GetInt32());
        Assert.AreEqual(1, root.GetProperty("Depth").GetInt32());
        Assert.AreEqual(Users.Ava, root.GetProperty("UserId").GetGuid());
        Assert.IsFalse(root.GetProperty("IsInTransaction").GetBoolean());
        Assert.AreEqual("none", root.GetProperty("SecondaryEntityName").GetString());
        Assert.AreEqual("/Date(1741944600000)/", root.GetProperty("OperationCreatedOn").GetString());

        JsonElement target = root.GetProperty("InputParameters").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "Target").GetProperty("value");
        Assert.AreSequenceEqual(new[] { "__type" }.Concat(EntityMembers).ToArray(), target.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual("Entity:" + Contract, target.GetProperty("__type").GetString());
        Assert.AreEqual("opportunity", target.GetProperty("LogicalName").GetString());
        Dictionary<string, JsonElement> attributes = target.GetProperty("Attributes").EnumerateArray()
            .ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value"));
        Assert.AreEqual("Contoso fleet renewal / 2025", attributes["name"].GetString());
        Assert.AreEqual(60, attributes["closeprobability"].GetInt32());
        Assert.AreEqual("/Date(1751241600000)/", attributes["estimatedclosedate"].GetString());
        Assert.AreEqual("Money:" + Contract, attributes["estimatedvalue"].GetProperty("__type").GetString());
        Assert.AreEqual(125_000.50m, attributes["estimatedvalue"].GetProperty("Value").GetDecimal());
        JsonElement owner = attributes["ownerid"];
        Assert.AreSequenceEqual(new[] { "__type" }.Concat(ReferenceMembers).ToArray(), owner.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual("EntityReference:" + Contract, owner.GetProperty("__type").GetString());
        Assert.AreEqual(Users.Ava, owner.GetProperty("Id").GetGuid());

        // Members declared with their own type carry no __type, as in Dataverse's sample (OwningExtension, images).
        JsonElement step = root.GetProperty("OwningExtension");
        Assert.AreSequenceEqual(ReferenceMembers, step.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual("sdkmessageprocessingstep", step.GetProperty("LogicalName").GetString());
        Assert.AreEqual(StepId, step.GetProperty("Id").GetGuid());
        Assert.AreEqual(deal.ToString("D"), root.GetProperty("OutputParameters").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "id").GetProperty("value").GetString());

        // Byte-level: DataContractJsonSerializer escapes '/' and writes dates as \/Date(ms)\/.
        Assert.Contains("\"__type\":\"Entity:http:\\/\\/schemas.microsoft.com\\/xrm\\/2011\\/Contracts\"", request.Body);
        Assert.Contains("\"OperationCreatedOn\":\"\\/Date(1741944600000)\\/\"", request.Body);
        Assert.Contains("\"Contoso fleet renewal \\/ 2025\"", request.Body);
        Assert.Contains("\"KeyAttributes\":[]", request.Body);
        Assert.AreEqual(request.Body, pipeline.ServiceEndpointPosts.Single().Context);
    }

    [TestMethod]
    public void The_post_carries_dataverses_headers_and_the_endpoints_key_header()
    {
        using var receiver = new WebhookReceiver();
        PluginPipeline pipeline = Pipeline(receiver, out var ava);
        CreateDeal(ava);

        pipeline.RunAsyncSteps();

        ReceivedRequest request = receiver.Requests.Single();
        Assert.IsTrue(Guid.TryParse(request.Headers["x-request-id"], out _), request.Headers["x-request-id"]);
        Assert.AreEqual("spmsandbox.crm.dynamics.com", request.Headers["x-ms-dynamics-organization"]);
        Assert.AreEqual("opportunity", request.Headers["x-ms-dynamics-entity-name"]);
        Assert.AreEqual("Create", request.Headers["x-ms-dynamics-request-name"]);
        Assert.AreEqual(pipeline.Executions.Single().CorrelationId.ToString("D"), request.Headers["x-ms-correlation-request-id"]);
        Assert.AreEqual("k-7f3a9c", request.Headers["x-spm-webhook-key"]);
        Assert.IsFalse(request.Headers.ContainsKey("x-ms-dynamics-msg-size-exceeded"));
    }

    [TestMethod]
    public void The_run_time_target_replaces_the_placeholder_url_and_its_headers_the_registered_key()
    {
        using var receiver = new WebhookReceiver();
        var target = new ServiceEndpointTarget(receiver.Url("/bot/api/dataverse/events"))
        {
            Headers = new Dictionary<string, string> { ["x-spm-webhook-key"] = "local-bot-key" },
        };
        PluginPipeline pipeline = Pipeline(receiver, out var ava, target: target);
        CreateDeal(ava);

        pipeline.RunAsyncSteps();

        ReceivedRequest request = receiver.Requests.Single();
        Assert.AreEqual("/bot/api/dataverse/events", request.Target);
        Assert.AreEqual("local-bot-key", request.Headers["x-spm-webhook-key"]);
        Assert.AreEqual(receiver.Url("/bot/api/dataverse/events"), pipeline.ServiceEndpointPosts.Single().Url);
    }

    [TestMethod]
    [DataRow(ServiceEndpointAuthType.WebhookKey, "a1b2-c3d4", "/api/dataverse/events?code=a1b2-c3d4")]
    [DataRow(ServiceEndpointAuthType.HttpQueryString, "<settings><setting name=\"tenant\" value=\"contoso\" /><setting name=\"sig\" value=\"x/y\" /></settings>",
        "/api/dataverse/events?tenant=contoso&sig=x%2Fy")]
    public void Query_string_auth_travels_in_the_url(ServiceEndpointAuthType auth, string value, string expectedTarget)
    {
        using var receiver = new WebhookReceiver();
        PluginPipeline pipeline = Pipeline(receiver, out var ava, auth: auth, authValue: value);
        CreateDeal(ava);

        pipeline.RunAsyncSteps();

        ReceivedRequest request = receiver.Requests.Single();
        Assert.AreEqual(expectedTarget, request.Target);
        Assert.IsFalse(request.Headers.ContainsKey("x-spm-webhook-key"));
    }

    [TestMethod]
    [DataRow(502)]
    [DataRow(503)]
    [DataRow(504)]
    public void A_gateway_error_is_retried_once_and_then_succeeds(int gatewayError)
    {
        using var receiver = new WebhookReceiver(gatewayError, 200);
        PluginPipeline pipeline = Pipeline(receiver, out var ava);
        CreateDeal(ava);

        pipeline.RunAsyncSteps();

        Assert.HasCount(2, receiver.Requests);
        Assert.AreNotEqual(receiver.Requests[0].Headers["x-request-id"], receiver.Requests[1].Headers["x-request-id"]);
        ServiceEndpointPost post = pipeline.ServiceEndpointPosts.Single();
        Assert.AreEqual(2, post.Attempts);
        Assert.AreEqual(200, post.StatusCode);
        Assert.IsTrue(post.Succeeded);
        Assert.IsEmpty(pipeline.FailedAsyncOperations);
    }

    [TestMethod]
    public void A_second_503_fails_the_job_after_two_requests()
    {
        using var receiver = new WebhookReceiver(503, 503, 200);
        PluginPipeline pipeline = Pipeline(receiver, out var ava);
        CreateDeal(ava);

        pipeline.RunAsyncSteps();

        Assert.HasCount(2, receiver.Requests);
        Assert.AreEqual(503, pipeline.ServiceEndpointPosts.Single().StatusCode);
        Assert.AreEqual(1, pipeline.FailedAsyncOperations.Single().Attempts);
    }

    [TestMethod]
    [DataRow(500, "500 Internal Server Error")]
    [DataRow(400, "400 Bad Request")]
    [DataRow(401, "401 Unauthorized")]
    [DataRow(404, "404 Not Found")]
    public void Any_other_error_fails_the_job_at_once_and_leaves_it_visible_with_its_message(int status, string answer)
    {
        using var receiver = new WebhookReceiver(status, 200);
        PluginPipeline pipeline = Pipeline(receiver, out var ava);
        Guid deal = CreateDeal(ava);

        pipeline.RunAsyncSteps();

        string message = $"The webhook 'SPM Teams bot' (POST {receiver.Url("/api/dataverse/events")}) answered {answer}.";
        Assert.HasCount(1, receiver.Requests);
        ServiceEndpointPost post = pipeline.ServiceEndpointPosts.Single();
        Assert.AreEqual((1, status, message), (post.Attempts, post.StatusCode, post.Error));
        AsyncOperationFailure failure = pipeline.FailedAsyncOperations.Single();
        Assert.AreEqual((StepId, deal, 1), (failure.Step.Id, failure.PrimaryEntityId, failure.Attempts));
        Assert.AreEqual(message, failure.Errors.Single().Message);

        Entity job = SystemJobs(pipeline).Single();
        Assert.AreEqual(AsyncOperationStatus.Failed, job.GetAttributeValue<OptionSetValue>("statuscode").Value);
        Assert.AreEqual(AsyncOperationStatus.CompletedState, job.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.AreEqual(message, job.GetAttributeValue<string>("message"));
        Assert.AreEqual("SPM Teams bot: Create of opportunity", job.GetAttributeValue<string>("name"));
        Assert.AreEqual(new EntityReference("opportunity", deal), job.GetAttributeValue<EntityReference>("regardingobjectid"));
        Assert.AreEqual(0, job.GetAttributeValue<int>("retrycount"));
    }

    [TestMethod]
    public void A_webhook_that_does_not_answer_within_the_timeout_fails_the_job()
    {
        using var receiver = new WebhookReceiver { Delay = TimeSpan.FromSeconds(30) };
        PluginPipeline pipeline = Pipeline(receiver, out var ava, timeout: TimeSpan.FromMilliseconds(250));
        CreateDeal(ava);
        var clock = Stopwatch.StartNew();

        pipeline.RunAsyncSteps();

        Assert.IsLessThan(TimeSpan.FromSeconds(1), clock.Elapsed);
        ServiceEndpointPost post = pipeline.ServiceEndpointPosts.Single();
        Assert.AreEqual((1, (int?)null), (post.Attempts, post.StatusCode));
        Assert.AreEqual($"The webhook 'SPM Teams bot' (POST {receiver.Url("/api/dataverse/events")}) did not answer within 0.25 seconds.", post.Error);
        Assert.AreEqual(post.Error, SystemJobs(pipeline).Single().GetAttributeValue<string>("message"));
    }

    [TestMethod]
    public void A_webhook_nobody_listens_on_fails_the_job_naming_the_endpoint()
    {
        Uri closed;
        using (var gone = new WebhookReceiver())
        {
            closed = gone.Url("/api/dataverse/events");
        }

        using var receiver = new WebhookReceiver();
        PluginPipeline pipeline = Pipeline(receiver, out var ava, target: new ServiceEndpointTarget(closed));
        CreateDeal(ava);

        pipeline.RunAsyncSteps();

        string error = pipeline.FailedAsyncOperations.Single().Errors.Single().Message;
        Assert.StartsWith($"The webhook 'SPM Teams bot' (POST {closed}) could not be reached: ", error);
        Assert.IsEmpty(receiver.Requests);
    }

    [TestMethod]
    public void A_synchronous_webhook_that_fails_rolls_the_operation_back()
    {
        using var receiver = new WebhookReceiver(500);
        PluginPipeline pipeline = Pipeline(receiver, out var ava, mode: StepMode.Synchronous);

        var fault = Assert.ThrowsExactly<DataverseFaultException>(() => CreateDeal(ava));

        Assert.AreEqual(PluginPipeline.IsvAbortedErrorCode, fault.ErrorCode);
        Assert.Contains("answered 500 Internal Server Error", fault.Message);
        Assert.AreEqual(0, pipeline.Store.Count("opportunity"));
        Assert.IsTrue(receiver.Requests.Single().Body.Contains("\"IsInTransaction\":true", StringComparison.Ordinal));
    }

    [TestMethod]
    public void A_body_over_256_kb_goes_without_parameters_images_and_parent_and_says_so()
    {
        using var receiver = new WebhookReceiver();
        PluginPipeline pipeline = Pipeline(receiver, out var ava);
        ava.Create(new Entity("opportunity") { ["name"] = "Contoso fleet renewal", ["description"] = new string('x', 300 * 1024) });

        pipeline.RunAsyncSteps();

        ReceivedRequest request = receiver.Requests.Single();
        Assert.AreEqual("true", request.Headers["x-ms-dynamics-msg-size-exceeded"]);
        using JsonDocument body = JsonDocument.Parse(request.Body);
        Assert.AreEqual(0, body.RootElement.GetProperty("InputParameters").GetArrayLength());
        Assert.AreEqual(JsonValueKind.Null, body.RootElement.GetProperty("ParentContext").ValueKind);
        Assert.AreEqual("Create", body.RootElement.GetProperty("MessageName").GetString());
    }

    [TestMethod]
    public void An_endpoint_without_a_run_time_target_is_recorded_but_not_sent()
    {
        using var receiver = new WebhookReceiver();
        PluginPipeline pipeline = TestPipeline.Create(out _);
        pipeline.RegisterServiceEndpoint(new ServiceEndpointRegistration(Endpoint, "SPM Teams bot") { Url = new Uri("https://spm-bot.example.invalid/api/dataverse/events") });
        pipeline.Register(new StepRegistration
        {
            Id = StepId, Name = "SPM Teams bot: Create of opportunity", PluginTypeName = string.Empty, ServiceEndpointId = Endpoint,
            MessageName = MessageNames.Create, PrimaryEntity = "opportunity", Stage = PipelineStage.PostOperation, Mode = StepMode.Asynchronous,
        });
        CreateDeal(pipeline.CreateOrganizationService(Users.Ava));

        pipeline.RunAsyncSteps();

        ServiceEndpointPost post = pipeline.ServiceEndpointPosts.Single();
        Assert.AreEqual((false, 0, (Uri?)null), (post.Sent, post.Attempts, post.Url));
        Assert.Contains("\"MessageName\":\"Create\"", post.Context);
        Assert.IsEmpty(pipeline.FailedAsyncOperations);
    }

    private static IReadOnlyList<Entity> SystemJobs(PluginPipeline pipeline) =>
        ((EntityCollection)pipeline.Store.ExecuteCore(
            new Microsoft.Xrm.Sdk.Messages.RetrieveMultipleRequest { Query = new QueryExpression("asyncoperation") { ColumnSet = new ColumnSet(true) } },
            Users.Maya).Results["EntityCollection"]).Entities;
}
