using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Pipeline;

namespace Spm.Dataverse.Tests.Pipeline;

/// <summary>The webhook body byte for byte, as DataContractJsonSerializer writes a RemoteExecutionContext.</summary>
[TestClass]
public sealed class RemoteExecutionContextJsonTests
{
    private static readonly Guid Org = new("4ef5b371-e89e-e711-8122-000d3aa2331c");
    private static readonly Guid Unit = new("e2b9dd85-e89e-e711-8122-000d3aa2331c");
    private static readonly Guid Ava = new("75c2dd85-e89e-e711-8122-000d3aa2331c");
    private static readonly Guid Shoutout = new("6d81597f-0f9f-e711-8122-000d3aa2331c");
    private static readonly Guid Step = new("75417616-4ea2-e711-8122-000d3aa2331c");
    private static readonly Guid Correlation = new("b374239d-4233-41a9-8b17-a86cb4f737b5");
    private static readonly Guid Job = new("4af10637-4ea2-e711-8122-000d3aa2331c");

    private static PluginExecutionContext Context(IPluginExecutionContext? parent)
    {
        var target = new Entity("spm_recognition", Shoutout)
        {
            ["spm_name"] = "First deal: \"Contoso\" \\ EMEA/North\nWell done",
            ["spm_kind"] = new OptionSetValue(100000000),
            ["spm_value"] = 42000.50m,
            ["spm_participantid"] = new EntityReference("systemuser", Ava) { Name = "Ava Reyes" },
            ["spm_detail"] = null,
        };
        target.FormattedValues["spm_kind"] = "First Deal";
        var context = new PluginExecutionContext
        {
            BusinessUnitId = Unit,
            CorrelationId = Correlation,
            Depth = 1,
            InitiatingUserId = Ava,
            IsInTransaction = false,
            MessageName = "Create",
            Mode = 1,
            OperationCreatedOn = new DateTime(2017, 9, 26, 6, 24, 8, DateTimeKind.Utc),
            OperationId = Job,
            OrganizationId = Org,
            OrganizationName = "spmsandbox",
            OwningExtension = new EntityReference("sdkmessageprocessingstep", Step),
            PrimaryEntityId = Shoutout,
            PrimaryEntityName = "spm_recognition",
            UserId = Ava,
            Stage = 40,
            ParentContext = parent,
        };
        context.InputParameters["Target"] = target;
        context.OutputParameters["id"] = Shoutout;
        context.SharedVariables["spm_depthguard"] = 2;
        context.PostEntityImages["PostImage"] = new Entity("spm_recognition", Shoutout) { ["statecode"] = new OptionSetValue(0) };
        return context;
    }

    [TestMethod]
    public void A_context_is_written_exactly_as_dataverse_posts_it()
    {
        (string json, bool trimmed) = RemoteExecutionContextJson.Serialize(Context(parent: null));

        const string contract = "http:\\/\\/schemas.microsoft.com\\/xrm\\/2011\\/Contracts";
        string expected =
            "{\"BusinessUnitId\":\"e2b9dd85-e89e-e711-8122-000d3aa2331c\",\"CorrelationId\":\"b374239d-4233-41a9-8b17-a86cb4f737b5\",\"Depth\":1,"
            + "\"InitiatingUserAgent\":null,\"InitiatingUserAzureActiveDirectoryObjectId\":\"00000000-0000-0000-0000-000000000000\","
            + "\"InitiatingUserId\":\"75c2dd85-e89e-e711-8122-000d3aa2331c\","
            + "\"InputParameters\":[{\"key\":\"Target\",\"value\":{\"__type\":\"Entity:" + contract + "\",\"Attributes\":["
            + "{\"key\":\"spm_name\",\"value\":\"First deal: \\\"Contoso\\\" \\\\ EMEA\\/North\\u000aWell done\"},"
            + "{\"key\":\"spm_kind\",\"value\":{\"__type\":\"OptionSetValue:" + contract + "\",\"Value\":100000000}},"
            + "{\"key\":\"spm_value\",\"value\":42000.50},"
            + "{\"key\":\"spm_participantid\",\"value\":{\"__type\":\"EntityReference:" + contract + "\",\"Id\":\"75c2dd85-e89e-e711-8122-000d3aa2331c\","
            + "\"KeyAttributes\":[],\"LogicalName\":\"systemuser\",\"Name\":\"Ava Reyes\",\"RowVersion\":null}},"
            + "{\"key\":\"spm_detail\",\"value\":null}],"
            + "\"EntityState\":null,\"FormattedValues\":[{\"key\":\"spm_kind\",\"value\":\"First Deal\"}],\"Id\":\"6d81597f-0f9f-e711-8122-000d3aa2331c\","
            + "\"KeyAttributes\":[],\"LogicalName\":\"spm_recognition\",\"RelatedEntities\":[],\"RowVersion\":null}}],"
            + "\"IsExecutingOffline\":false,\"IsInTransaction\":false,\"IsOfflinePlayback\":false,\"IsolationMode\":2,\"MessageName\":\"Create\",\"Mode\":1,"
            + "\"OperationCreatedOn\":\"\\/Date(1506407048000)\\/\",\"OperationId\":\"4af10637-4ea2-e711-8122-000d3aa2331c\","
            + "\"OrganizationId\":\"4ef5b371-e89e-e711-8122-000d3aa2331c\",\"OrganizationName\":\"spmsandbox\","
            + "\"OutputParameters\":[{\"key\":\"id\",\"value\":\"6d81597f-0f9f-e711-8122-000d3aa2331c\"}],"
            + "\"OwningExtension\":{\"Id\":\"75417616-4ea2-e711-8122-000d3aa2331c\",\"KeyAttributes\":[],\"LogicalName\":\"sdkmessageprocessingstep\",\"Name\":null,\"RowVersion\":null},"
            + "\"ParentContext\":null,"
            + "\"PostEntityImages\":[{\"key\":\"PostImage\",\"value\":{\"Attributes\":[{\"key\":\"statecode\",\"value\":{\"__type\":\"OptionSetValue:" + contract + "\",\"Value\":0}}],"
            + "\"EntityState\":null,\"FormattedValues\":[],\"Id\":\"6d81597f-0f9f-e711-8122-000d3aa2331c\",\"KeyAttributes\":[],\"LogicalName\":\"spm_recognition\","
            + "\"RelatedEntities\":[],\"RowVersion\":null}}],"
            + "\"PreEntityImages\":[],\"PrimaryEntityId\":\"6d81597f-0f9f-e711-8122-000d3aa2331c\",\"PrimaryEntityName\":\"spm_recognition\",\"RequestId\":null,"
            + "\"SecondaryEntityName\":\"none\",\"SharedVariables\":[{\"key\":\"spm_depthguard\",\"value\":2}],\"Stage\":40,"
            + "\"UserAzureActiveDirectoryObjectId\":\"00000000-0000-0000-0000-000000000000\",\"UserId\":\"75c2dd85-e89e-e711-8122-000d3aa2331c\"}";
        Assert.AreEqual(expected, json);
        Assert.IsFalse(trimmed);
    }

    [TestMethod]
    public void The_parent_context_is_written_whole_inside_and_untyped()
    {
        PluginExecutionContext parent = Context(parent: null);
        parent.Stage = 30;
        parent.Mode = 0;

        (string json, _) = RemoteExecutionContextJson.Serialize(Context(parent));

        int at = json.IndexOf("\"ParentContext\":{\"BusinessUnitId\":", StringComparison.Ordinal);
        Assert.IsGreaterThan(0, at);
        Assert.Contains("\"Stage\":30,", json[at..]);
        Assert.Contains("\"ParentContext\":null", json[at..]);
    }

    [TestMethod]
    public void A_value_the_body_cannot_carry_is_refused_naming_the_parameter_and_type()
    {
        PluginExecutionContext context = Context(parent: null);
        context.InputParameters["ColumnSet"] = new Microsoft.Xrm.Sdk.Query.ColumnSet("spm_name");

        var error = Assert.ThrowsExactly<NotSupportedException>(() => RemoteExecutionContextJson.Serialize(context));

        Assert.AreEqual("The webhook body cannot carry 'ColumnSet': a Microsoft.Xrm.Sdk.Query.ColumnSet is not one of the types the simulator serializes.", error.Message);
    }
}
