using Microsoft.Xrm.Sdk;

namespace Xrm.Sdk.Facade.Tests;

[TestClass]
public sealed class AttributeValueTests
{
    [TestMethod]
    public void Money_instances_with_the_same_value_are_equal()
    {
        var a = new Money(1250.50m);
        var b = new Money(1250.50m);

        Assert.AreEqual(a, b);
        Assert.AreEqual(a.GetHashCode(), b.GetHashCode());
        Assert.AreNotEqual(a, new Money(1250.51m));
        Assert.IsFalse(a.Equals(null));
        Assert.IsFalse(a.Equals(1250.50m), "a Money is not equal to a bare decimal");
    }

    [TestMethod]
    public void Money_does_not_overload_the_equality_operator()
    {
        var a = new Money(1m);
        var b = new Money(1m);

        Assert.AreEqual(a, b);
        Assert.AreNotSame(a, b);
        Assert.IsNull(typeof(Money).GetMethod("op_Equality"), "== on Money is reference equality, as in the SDK");
    }

    [TestMethod]
    public void Money_default_value_is_zero_and_is_settable()
    {
        var money = new Money { Value = 3m };

        Assert.AreEqual(0m, new Money().Value);
        Assert.AreEqual(3m, money.Value);
    }

    [TestMethod]
    public void OptionSetValue_instances_with_the_same_value_are_equal()
    {
        var won = new OptionSetValue(3);

        Assert.AreEqual(won, new OptionSetValue(3));
        Assert.AreEqual(won.GetHashCode(), new OptionSetValue(3).GetHashCode());
        Assert.AreNotEqual(won, new OptionSetValue(4));
        Assert.IsFalse(won.Equals(3), "an OptionSetValue is not equal to a bare int");
        Assert.IsNull(typeof(OptionSetValue).GetMethod("op_Equality"));
    }

    [TestMethod]
    public void Money_and_OptionSetValue_are_never_equal_to_each_other()
    {
        Assert.IsFalse(new Money(1m).Equals(new OptionSetValue(1)));
        Assert.IsFalse(new OptionSetValue(1).Equals(new Money(1m)));
    }

    [TestMethod]
    public void EntityReferences_are_equal_by_logical_name_and_id()
    {
        Guid id = Guid.NewGuid();
        var a = new EntityReference("systemuser", id) { Name = "Ana" };
        var b = new EntityReference("systemuser", id) { Name = "Someone else" };

        Assert.AreEqual(a, b);
        Assert.AreEqual(a.GetHashCode(), b.GetHashCode());
        Assert.AreNotEqual(a, new EntityReference("team", id));
        Assert.AreNotEqual(a, new EntityReference("systemuser", Guid.NewGuid()));
    }

    [TestMethod]
    public void EntityReference_constructors_set_name_id_and_keys()
    {
        Guid id = Guid.NewGuid();

        var byId = new EntityReference("account", id);
        var byKey = new EntityReference("account", "accountnumber", "A-100");
        var empty = new EntityReference();

        Assert.AreEqual("account", byId.LogicalName);
        Assert.AreEqual(id, byId.Id);
        Assert.AreEqual("A-100", byKey.KeyAttributes["accountnumber"]);
        Assert.AreEqual(Guid.Empty, byKey.Id);
        Assert.IsNotNull(empty.KeyAttributes);
        Assert.IsNull(empty.LogicalName);
    }

    [TestMethod]
    public void AliasedValue_exposes_the_linked_entity_attribute_and_value()
    {
        var aliased = new AliasedValue("systemuser", "parentsystemuserid", new EntityReference("systemuser", Guid.Empty));

        Assert.AreEqual("systemuser", aliased.EntityLogicalName);
        Assert.AreEqual("parentsystemuserid", aliased.AttributeLogicalName);
        Assert.IsInstanceOfType<EntityReference>(aliased.Value);
        Assert.IsNull(new AliasedValue().Value);
    }

    [TestMethod]
    public void Relationships_are_equal_by_schema_name_and_role()
    {
        var a = new Relationship("opportunity_customer_accounts");

        Assert.AreEqual(a, new Relationship("opportunity_customer_accounts"));
        Assert.AreEqual(a.GetHashCode(), new Relationship("opportunity_customer_accounts").GetHashCode());
        Assert.AreNotEqual(a, new Relationship("opportunity_customer_accounts") { PrimaryEntityRole = EntityRole.Referenced });
        Assert.AreNotEqual(a, new Relationship("contact_customer_accounts"));
    }
}
