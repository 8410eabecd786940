using Microsoft.Xrm.Sdk;
using Xrm.Sdk.Facade.Tests.Conformance;

namespace Xrm.Sdk.Facade.Tests;

/// <summary>The facade is a strict subset of the official Microsoft.Xrm.Sdk / Microsoft.Crm.Sdk.Proxy surface.</summary>
[TestClass]
public sealed class SurfaceConformanceTests
{
    private static readonly string[] OfficialNamespaces =
    [
        "Microsoft.Xrm.Sdk",
        "Microsoft.Xrm.Sdk.Client",
        "Microsoft.Xrm.Sdk.Query",
        "Microsoft.Xrm.Sdk.Messages",
        "Microsoft.Crm.Sdk.Messages",
    ];

    private static Type[] FacadeTypes => typeof(Entity).Assembly.GetExportedTypes();

    [TestMethod]
    public void Every_facade_type_and_member_exists_officially_with_the_same_signature()
    {
        var checker = new SurfaceChecker(SignatureRenderer.Default);

        IReadOnlyList<string> problems = checker.Check(FacadeTypes);

        Assert.IsEmpty(
            problems,
            $"{problems.Count} facade declaration(s) differ from shared/reference:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        Assert.IsGreaterThan(400, checker.MembersChecked, "the check looked at suspiciously few members");
    }

    [TestMethod]
    public void Facade_declares_types_only_in_the_official_namespaces()
    {
        var strays = FacadeTypes
            .Where(t => !OfficialNamespaces.Contains(t.Namespace, StringComparer.Ordinal))
            .Select(t => t.FullName)
            .ToList();

        Assert.IsEmpty(strays, "public types outside the official namespaces: " + string.Join(", ", strays));
    }

    [TestMethod]
    [DataRow("Microsoft.Xrm.Sdk.IPlugin")]
    [DataRow("Microsoft.Xrm.Sdk.IPluginExecutionContext")]
    [DataRow("Microsoft.Xrm.Sdk.IOrganizationServiceFactory")]
    [DataRow("Microsoft.Xrm.Sdk.ITracingService")]
    [DataRow("Microsoft.Xrm.Sdk.Entity")]
    [DataRow("Microsoft.Xrm.Sdk.EntityCollection")]
    [DataRow("Microsoft.Xrm.Sdk.InvalidPluginExecutionException")]
    [DataRow("Microsoft.Xrm.Sdk.OrganizationServiceFault")]
    [DataRow("Microsoft.Xrm.Sdk.Query.QueryExpression")]
    [DataRow("Microsoft.Xrm.Sdk.Query.FetchExpression")]
    [DataRow("Microsoft.Xrm.Sdk.Messages.ExecuteMultipleRequest")]
    [DataRow("Microsoft.Xrm.Sdk.Messages.UpsertResponse")]
    [DataRow("Microsoft.Crm.Sdk.Messages.WinOpportunityRequest")]
    [DataRow("Microsoft.Crm.Sdk.Messages.SetStateRequest")]
    [DataRow("Microsoft.Xrm.Sdk.Client.EntityLogicalNameAttribute")]
    public void Facade_exposes_the_types_the_plugins_need(string fullName)
    {
        Assert.IsNotNull(typeof(Entity).Assembly.GetType(fullName), fullName);
    }

    [TestMethod]
    public void Crm_Sdk_Messages_declares_an_AppContext_as_the_real_proxy_does()
    {
        // So a file importing Microsoft.Crm.Sdk.Messages must write System.AppContext, as it must with the real SDK.
        Type? proxyAppContext = typeof(Entity).Assembly.GetType("Microsoft.Crm.Sdk.Messages.AppContext");

        Assert.IsNotNull(proxyAppContext);
        Assert.AreNotEqual(typeof(System.AppContext), proxyAppContext);
        Assert.AreEqual(nameof(System.AppContext), proxyAppContext.Name);
        Assert.Contains("T:Microsoft.Crm.Sdk.Messages.AppContext", OfficialSurface.Proxy.DocumentationIds);
    }

    [TestMethod]
    public void A_deliberately_wrong_signature_is_not_found_in_the_reference()
    {
        // Right member, wrong parameter type.
        Assert.DoesNotContain("M:Microsoft.Xrm.Sdk.Entity.GetAttributeValue``1(System.Int32)", OfficialSurface.Xrm.DocumentationIds);
        Assert.Contains("M:Microsoft.Xrm.Sdk.Entity.GetAttributeValue``1(System.String)", OfficialSurface.Xrm.DocumentationIds);

        // Right documentation ID, but not virtual: only the api line can tell.
        IReadOnlySet<string> entity = OfficialSurface.Xrm.Types["Microsoft.Xrm.Sdk.Entity"].Members;
        Assert.DoesNotContain("method public T GetAttributeValue<T>(System.String attributeLogicalName)", entity);
        Assert.Contains("method public virtual T GetAttributeValue<T>(System.String attributeLogicalName)", entity);

        // Proxy messages are checked against the proxy list, not the Xrm one.
        Assert.DoesNotContain("T:Microsoft.Crm.Sdk.Messages.WinOpportunityRequest", OfficialSurface.Xrm.DocumentationIds);
        Assert.Contains("T:Microsoft.Crm.Sdk.Messages.WinOpportunityRequest", OfficialSurface.Proxy.DocumentationIds);
    }

    [TestMethod]
    public void Checker_reports_each_wrong_member_of_a_decoy_presented_as_Entity()
    {
        var renderer = new SignatureRenderer(new Dictionary<Type, string> { [typeof(DecoyEntity)] = "Microsoft.Xrm.Sdk.Entity" });

        IReadOnlyList<string> problems = new SurfaceChecker(renderer).Check([typeof(DecoyEntity)]);
        string report = string.Join(Environment.NewLine, problems);

        Assert.HasCount(5, problems, report);
        Assert.Contains(p => p.StartsWith("T:Microsoft.Xrm.Sdk.Entity: declared `private sealed class`", StringComparison.Ordinal), problems, report);
        Assert.Contains(p => p.StartsWith("P:Microsoft.Xrm.Sdk.Entity.Id: signature differs", StringComparison.Ordinal), problems, report);
        Assert.Contains(p => p.StartsWith("P:Microsoft.Xrm.Sdk.Entity.Item(System.String): signature differs", StringComparison.Ordinal), problems, report);
        Assert.Contains(p => p.StartsWith("M:Microsoft.Xrm.Sdk.Entity.GetAttributeValue``1(System.Int32): documentation ID not in", StringComparison.Ordinal), problems, report);
        Assert.Contains(p => p.StartsWith("M:Microsoft.Xrm.Sdk.Entity.Detach: documentation ID not in", StringComparison.Ordinal), problems, report);
    }

    [TestMethod]
    public void Documentation_ids_follow_the_csharp_convention()
    {
        SignatureRenderer render = SignatureRenderer.Default;

        Assert.AreEqual("T:Microsoft.Xrm.Sdk.DataCollection`2", render.DocumentationId(typeof(DataCollection<,>)));
        Assert.AreEqual(
            "M:Microsoft.Xrm.Sdk.DataCollection`2.TryGetValue(`0,`1@)",
            render.DocumentationId(typeof(DataCollection<,>).GetMethod("TryGetValue")!));
        Assert.AreEqual(
            "M:Microsoft.Xrm.Sdk.Entity.TryGetAttributeValue``1(System.String,``0@)",
            render.DocumentationId(typeof(Entity).GetMethod(nameof(Entity.TryGetAttributeValue))!));
        Assert.AreEqual(
            "M:Microsoft.Xrm.Sdk.IOrganizationServiceFactory.CreateOrganizationService(System.Nullable{System.Guid})",
            render.DocumentationId(typeof(IOrganizationServiceFactory).GetMethod(nameof(IOrganizationServiceFactory.CreateOrganizationService))!));
        Assert.AreEqual(
            "P:Microsoft.Xrm.Sdk.Entity.Item(System.String)",
            render.DocumentationId(typeof(Entity).GetProperty("Item")!));
        Assert.AreEqual(
            "M:System.Decimal.op_Implicit(System.Int32)~System.Decimal",
            render.DocumentationId(typeof(decimal).GetMethod("op_Implicit", [typeof(int)])!));
        Assert.AreEqual("T:System.Environment.SpecialFolder", render.DocumentationId(typeof(Environment.SpecialFolder)));
    }

    [TestMethod]
    public void Api_lines_carry_modifiers_parameter_names_and_accessors()
    {
        SignatureRenderer render = SignatureRenderer.Default;

        Assert.AreEqual(
            "method public System.Boolean TryGetAttributeValue<T>(System.String attributeKey, out T result)",
            render.ApiLine(typeof(Entity).GetMethod(nameof(Entity.TryGetAttributeValue))!));
        Assert.AreEqual(
            "method public System.Void Trace(System.String format, params System.Object[] args)",
            render.ApiLine(typeof(ITracingService).GetMethod(nameof(ITracingService.Trace))!));
        Assert.AreEqual(
            "property public virtual TValue this[TKey key] { get; set; }",
            render.ApiLine(typeof(DataCollection<,>).GetProperty("Item")!));
        Assert.AreEqual(
            "ctor protected internal DataCollection(System.Collections.Generic.IDictionary<TKey, TValue> collection)",
            render.ApiLine(typeof(DataCollection<,>).GetConstructors(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic).Single(c => c.GetParameters().Length == 1)));
        Assert.AreEqual(
            "public abstract class Microsoft.Xrm.Sdk.DataCollection<TKey, TValue> : System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<TKey, TValue>>, System.Collections.IEnumerable",
            render.ApiHeader(typeof(DataCollection<,>)));
    }

    /// <summary>Deliberately wrong copies of Entity members, presented to the checker as Microsoft.Xrm.Sdk.Entity.</summary>
    private sealed class DecoyEntity
    {
        // Official: public virtual.
        public Guid Id { get; set; }

        // Correct.
        public bool Contains(string attributeName) => attributeName.Length == 0;

        // Official parameter is System.String.
        public T? GetAttributeValue<T>(int attributeLogicalName) => attributeLogicalName == 0 ? default : default;

        // Official parameter name is attributeName.
        public object? this[string name]
        {
            get => name;
            set => _ = value;
        }

        // Not an Entity member at all.
        public void Detach() => Id = Guid.Empty;
    }
}
