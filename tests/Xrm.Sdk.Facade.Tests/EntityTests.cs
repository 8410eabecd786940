using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Client;

namespace Xrm.Sdk.Facade.Tests;

[TestClass]
public sealed class EntityTests
{
    [TestMethod]
    public void Indexer_on_missing_attribute_throws_KeyNotFoundException()
    {
        var entity = new Entity("opportunity");

        KeyNotFoundException error = Assert.ThrowsExactly<KeyNotFoundException>(() => _ = entity["estimatedvalue"]);

        Assert.AreEqual("The given key was not present in the dictionary.", error.Message);
    }

    [TestMethod]
    public void Indexer_set_adds_then_replaces_the_attribute()
    {
        var entity = new Entity("opportunity")
        {
            ["name"] = "first",
        };
        entity["name"] = "second";

        Assert.AreEqual("second", entity["name"]);
        Assert.AreEqual("second", entity.Attributes["name"]);
        Assert.AreEqual(1, entity.Attributes.Count);
    }

    [TestMethod]
    public void GetAttributeValue_on_missing_attribute_returns_default()
    {
        var entity = new Entity("opportunity");

        Assert.IsNull(entity.GetAttributeValue<EntityReference>("parentaccountid"));
        Assert.IsNull(entity.GetAttributeValue<Money>("actualvalue"));
        Assert.IsNull(entity.GetAttributeValue<int?>("budgetstatus"));
        Assert.AreEqual(0, entity.GetAttributeValue<int>("budgetstatus"));
        Assert.AreEqual(DateTime.MinValue, entity.GetAttributeValue<DateTime>("actualclosedate"));
        Assert.AreEqual(Guid.Empty, entity.GetAttributeValue<Guid>("opportunityid"));
        Assert.IsFalse(entity.GetAttributeValue<bool>("isrevenuesystemcalculated"));
    }

    [TestMethod]
    public void GetAttributeValue_on_null_attribute_returns_default()
    {
        var entity = new Entity("opportunity")
        {
            ["actualvalue"] = null,
            ["closeprobability"] = null,
        };

        Assert.IsNull(entity.GetAttributeValue<Money>("actualvalue"));
        Assert.AreEqual(0, entity.GetAttributeValue<int>("closeprobability"));
    }

    [TestMethod]
    public void GetAttributeValue_returns_the_stored_value()
    {
        var owner = new EntityReference("systemuser", Guid.NewGuid());
        var entity = new Entity("opportunity")
        {
            ["ownerid"] = owner,
            ["closeprobability"] = 40,
        };

        Assert.AreSame(owner, entity.GetAttributeValue<EntityReference>("ownerid"));
        Assert.AreEqual(40, entity.GetAttributeValue<int>("closeprobability"));
        Assert.AreEqual(40, entity.GetAttributeValue<int?>("closeprobability"));
    }

    [TestMethod]
    public void GetAttributeValue_with_a_different_type_throws_InvalidCastException()
    {
        var entity = new Entity("opportunity") { ["actualvalue"] = new Money(10m) };

        Assert.ThrowsExactly<InvalidCastException>(() => entity.GetAttributeValue<decimal>("actualvalue"));
    }

    [TestMethod]
    public void TryGetAttributeValue_succeeds_only_for_a_present_value_of_the_requested_type()
    {
        var entity = new Entity("opportunity")
        {
            ["actualvalue"] = new Money(12.5m),
            ["description"] = null,
        };

        Assert.IsTrue(entity.TryGetAttributeValue("actualvalue", out Money money));
        Assert.AreEqual(12.5m, money.Value);

        Assert.IsFalse(entity.TryGetAttributeValue("actualvalue", out OptionSetValue wrongType));
        Assert.IsNull(wrongType);

        Assert.IsFalse(entity.TryGetAttributeValue("description", out string nullValue));
        Assert.IsNull(nullValue);

        Assert.IsFalse(entity.TryGetAttributeValue("missing", out int missing));
        Assert.AreEqual(0, missing);
    }

    [TestMethod]
    public void Contains_reports_presence_even_when_the_value_is_null()
    {
        var entity = new Entity("opportunity") { ["description"] = null };

        Assert.IsTrue(entity.Contains("description"));
        Assert.IsFalse(entity.Contains("name"));
    }

    [TestMethod]
    public void Attribute_names_are_case_sensitive()
    {
        var entity = new Entity("opportunity") { ["name"] = "Big deal" };

        Assert.IsFalse(entity.Contains("Name"));
        Assert.IsNull(entity.GetAttributeValue<string>("NAME"));
    }

    [TestMethod]
    public void A_new_entity_has_empty_collections_and_no_identity()
    {
        var entity = new Entity();

        Assert.IsNull(entity.LogicalName);
        Assert.AreEqual(Guid.Empty, entity.Id);
        Assert.IsEmpty(entity.Attributes);
        Assert.IsEmpty(entity.FormattedValues);
        Assert.IsEmpty(entity.KeyAttributes);
        Assert.IsEmpty(entity.RelatedEntities);
        Assert.IsNull(entity.EntityState);
        Assert.IsNull(entity.RowVersion);
    }

    [TestMethod]
    public void Constructors_set_logical_name_id_and_alternate_keys()
    {
        Guid id = Guid.NewGuid();
        var keys = new KeyAttributeCollection { { "spm_code", "Q1-2025" } };

        var byId = new Entity("spm_period", id);
        var byKeys = new Entity("spm_period", keys);
        var byKey = new Entity("spm_period", "spm_code", "Q2-2025");

        Assert.AreEqual("spm_period", byId.LogicalName);
        Assert.AreEqual(id, byId.Id);
        Assert.AreSame(keys, byKeys.KeyAttributes);
        Assert.AreEqual(Guid.Empty, byKeys.Id);
        Assert.AreEqual("Q2-2025", byKey.KeyAttributes["spm_code"]);
    }

    [TestMethod]
    public void Id_is_independent_of_the_primary_key_attribute()
    {
        Guid id = Guid.NewGuid();
        var entity = new Entity("opportunity") { Id = id };

        Assert.AreEqual(id, entity.Id);
        Assert.IsFalse(entity.Contains("opportunityid"));

        entity["opportunityid"] = Guid.NewGuid();
        Assert.AreEqual(id, entity.Id);
    }

    [TestMethod]
    public void ToEntityReference_carries_logical_name_id_and_row_version_but_drops_the_keys()
    {
        Guid id = Guid.NewGuid();
        var entity = new Entity("opportunity", id) { RowVersion = "42" };
        entity.KeyAttributes["spm_externalid"] = "X-1";

        EntityReference reference = entity.ToEntityReference();

        Assert.AreEqual("opportunity", reference.LogicalName);
        Assert.AreEqual(id, reference.Id);
        Assert.IsEmpty(reference.KeyAttributes);
        Assert.AreEqual("42", reference.RowVersion);
        Assert.IsNull(reference.Name);
    }

    [TestMethod]
    public void ToEntity_returns_a_shallow_copy_that_shares_the_attributes()
    {
        var entity = new Entity("opportunity", Guid.NewGuid()) { ["name"] = "Big deal" };

        Opportunity early = entity.ToEntity<Opportunity>();
        Entity late = entity.ToEntity<Entity>();
        early["estimatedvalue"] = new Money(5m);

        Assert.AreEqual(entity.Id, early.Id);
        Assert.AreEqual("opportunity", early.LogicalName);
        Assert.AreEqual("Big deal", early.Name);
        Assert.AreSame(entity.Attributes, early.Attributes);
        Assert.IsTrue(entity.Contains("estimatedvalue"));
        Assert.AreNotSame(entity, late);
        Assert.AreEqual(typeof(Entity), late.GetType());
    }

    [TestMethod]
    public void ToEntity_of_Entity_works_even_without_a_logical_name()
    {
        var entity = new Entity { ["name"] = "Big deal" };

        Entity copy = entity.ToEntity<Entity>();

        Assert.IsNull(copy.LogicalName);
        Assert.AreSame(entity.Attributes, copy.Attributes);
    }

    [TestMethod]
    public void ToEntity_of_a_class_without_EntityLogicalName_throws_NotSupportedException()
    {
        var entity = new Entity("opportunity", Guid.NewGuid());

        var error = Assert.ThrowsExactly<NotSupportedException>(() => entity.ToEntity<UnnamedOpportunity>());

        Assert.AreEqual("Cannot convert to type that is does not have EntityLogicalNameAttribute", error.Message);
    }

    [TestMethod]
    public void ToEntity_of_a_class_for_another_table_throws_NotSupportedException_naming_both()
    {
        var entity = new Entity("account", Guid.NewGuid());

        var error = Assert.ThrowsExactly<NotSupportedException>(() => entity.ToEntity<Opportunity>());

        Assert.AreEqual("Cannot convert entity account to opportunity", error.Message);
    }

    [TestMethod]
    public void ToEntity_of_an_early_bound_class_needs_the_record_to_have_a_logical_name()
    {
        var entity = new Entity { Id = Guid.NewGuid() };

        var error = Assert.ThrowsExactly<NotSupportedException>(() => entity.ToEntity<Opportunity>());

        Assert.AreEqual("LogicalName must be set before calling ToEntity()", error.Message);
    }

    [TestMethod]
    public void ToEntity_reads_EntityLogicalName_from_a_base_class_too()
    {
        var entity = new Entity("opportunity", Guid.NewGuid()) { ["name"] = "Big deal" };

        WonOpportunity won = entity.ToEntity<WonOpportunity>();

        Assert.AreEqual("Big deal", won.Name);
    }

    [TestMethod]
    public void Protected_accessors_used_by_early_bound_classes_read_and_write_the_collections()
    {
        var opportunity = new Opportunity { Name = "Renewal" };
        opportunity.FormattedValues["statecode"] = "Open";

        Assert.AreEqual("Renewal", opportunity["name"]);
        Assert.AreEqual("Open", opportunity.FormattedState);
        Assert.IsNull(opportunity.FormattedStatus);
    }

    /// <summary>An early-bound class in the style the code generators emit.</summary>
    [EntityLogicalName("opportunity")]
    private class Opportunity : Entity
    {
        public Opportunity()
            : base("opportunity")
        {
        }

        public string? Name
        {
            get => GetAttributeValue<string>("name");
            set => SetAttributeValue("name", value);
        }

        public string? FormattedState => GetFormattedAttributeValue("statecode");

        public string? FormattedStatus => GetFormattedAttributeValue("statuscode");
    }

    private sealed class WonOpportunity : Opportunity
    {
    }

    /// <summary>An early-bound class without [EntityLogicalName], which ToEntity refuses.</summary>
    private sealed class UnnamedOpportunity : Entity
    {
        public UnnamedOpportunity()
            : base("opportunity")
        {
        }
    }
}
