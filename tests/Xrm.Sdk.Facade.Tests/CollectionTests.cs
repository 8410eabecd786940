using Microsoft.Xrm.Sdk;

namespace Xrm.Sdk.Facade.Tests;

[TestClass]
public sealed class CollectionTests
{
    [TestMethod]
    public void ParameterCollection_TryGetValue_of_T_matches_only_the_requested_type()
    {
        var target = new Entity("opportunity");
        var parameters = new ParameterCollection { { "Target", target }, { "Nothing", null } };

        Assert.IsTrue(parameters.TryGetValue("Target", out Entity found));
        Assert.AreSame(target, found);
        Assert.IsFalse(parameters.TryGetValue("Target", out EntityReference wrongType));
        Assert.IsNull(wrongType);
        Assert.IsFalse(parameters.TryGetValue("Nothing", out Entity nothing));
        Assert.IsNull(nothing);
        Assert.IsFalse(parameters.TryGetValue("Missing", out Entity missing));
        Assert.IsNull(missing);
    }

    [TestMethod]
    public void ParameterCollection_AddOrUpdateIfNotNull_ignores_null()
    {
        var parameters = new ParameterCollection();

        parameters.AddOrUpdateIfNotNull("Depth", 1);
        parameters.AddOrUpdateIfNotNull("Depth", 2);
        parameters.AddOrUpdateIfNotNull("Skipped", null);

        Assert.AreEqual(2, parameters["Depth"]);
        Assert.IsFalse(parameters.Contains("Skipped"));
    }

    [TestMethod]
    public void Keyed_collections_behave_as_dictionaries()
    {
        var attributes = new AttributeCollection { { "name", "A" } };

        Assert.ThrowsExactly<ArgumentException>(() => attributes.Add("name", "duplicate"));
        attributes["name"] = "B";
        attributes.AddRange(new KeyValuePair<string, object>("a", 1), new KeyValuePair<string, object>("b", 2));

        Assert.AreEqual(3, attributes.Count);
        Assert.IsTrue(attributes.ContainsKey("a"));
        Assert.IsTrue(attributes.Contains(new KeyValuePair<string, object>("b", 2)));
        Assert.IsTrue(attributes.Remove("a"));
        Assert.IsFalse(attributes.Remove("a"));
        Assert.IsFalse(attributes.IsReadOnly);
        Assert.AreSequenceEqual(new[] { "name", "b" }, attributes.Keys, SequenceOrder.InAnyOrder);
        Assert.AreEqual(2, attributes.Count(pair => pair.Key.Length > 0), "enumerates its pairs");
    }

    [TestMethod]
    public void Reading_a_missing_image_throws_KeyNotFoundException()
    {
        var images = new EntityImageCollection { { "PreImage", new Entity("opportunity") } };

        Assert.IsNotNull(images["PreImage"]);
        Assert.ThrowsExactly<KeyNotFoundException>(() => _ = images["PostImage"]);
        Assert.IsFalse(images.TryGetValue("PostImage", out Entity missing));
        Assert.IsNull(missing);
    }

    [TestMethod]
    public void EntityCollection_starts_empty_without_more_records()
    {
        var page = new EntityCollection();

        Assert.IsEmpty(page.Entities);
        Assert.IsFalse(page.MoreRecords);
        Assert.IsNull(page.PagingCookie);
        Assert.IsNull(page.EntityName);
        Assert.IsFalse(page.TotalRecordCountLimitExceeded);
    }

    [TestMethod]
    public void EntityCollection_keeps_its_paging_state()
    {
        var page = new EntityCollection
        {
            EntityName = "opportunity",
            MoreRecords = true,
            PagingCookie = "<cookie page=\"1\"/>",
            TotalRecordCount = 5001,
            TotalRecordCountLimitExceeded = true,
            MinActiveRowVersion = "99",
        };

        Assert.AreEqual("opportunity", page.EntityName);
        Assert.IsTrue(page.MoreRecords);
        Assert.AreEqual("<cookie page=\"1\"/>", page.PagingCookie);
        Assert.AreEqual(5001, page.TotalRecordCount);
        Assert.IsTrue(page.TotalRecordCountLimitExceeded);
        Assert.AreEqual("99", page.MinActiveRowVersion);
    }

    [TestMethod]
    public void EntityCollection_from_a_list_holds_its_entities_and_indexes_them()
    {
        var first = new Entity("opportunity", Guid.NewGuid());
        var second = new Entity("opportunity", Guid.NewGuid());
        var list = new List<Entity> { first, second };

        var page = new EntityCollection(list);
        list.Clear();
        var replacement = new Entity("opportunity");
        page[1] = replacement;

        Assert.HasCount(2, page.Entities);
        Assert.AreSame(first, page[0]);
        Assert.AreSame(replacement, page.Entities[1]);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _ = page[2]);
    }

    [TestMethod]
    public void DataCollection_of_T_adds_ranges_and_copies_to_an_array()
    {
        var references = new EntityReferenceCollection([new EntityReference("team", Guid.Empty)]);

        references.AddRange(new EntityReference("systemuser", Guid.Empty), new EntityReference("systemuser", Guid.Empty));
        references.AddRange(new List<EntityReference> { new("account", Guid.Empty) });
        EntityReference[] array = references.ToArray();

        Assert.HasCount(4, array);
        Assert.AreEqual("team", array[0].LogicalName);
        Assert.AreEqual("account", array[3].LogicalName);
    }

    [TestMethod]
    public void RelatedEntities_are_keyed_by_relationship_value()
    {
        var entity = new Entity("account");
        var contacts = new EntityCollection([new Entity("contact")]);

        entity.RelatedEntities[new Relationship("contact_customer_accounts")] = contacts;

        Assert.AreSame(contacts, entity.RelatedEntities[new Relationship("contact_customer_accounts")]);
        Assert.IsFalse(entity.RelatedEntities.IsReadOnly);
    }
}
