using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Store;

namespace Spm.Dataverse.Tests.Store;

[TestClass]
public sealed class SharingTests
{
    private static GrantAccessRequest Grant(Guid opportunity, Guid user, AccessRights rights) => new()
    {
        Target = new EntityReference("opportunity", opportunity),
        PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", user), AccessMask = rights },
    };

    private static PrincipalAccess[] SharedWith(SalesOrg org, Guid opportunity) =>
        ((RetrieveSharedPrincipalsAndAccessResponse)org.Service.Execute(new RetrieveSharedPrincipalsAndAccessRequest { Target = new EntityReference("opportunity", opportunity) })).PrincipalAccesses;

    [TestMethod]
    public void GrantAccess_shares_a_record_and_a_second_grant_adds_its_rights_to_the_first()
    {
        var org = new SalesOrg();
        Guid deal = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);

        org.Service.Execute(Grant(deal, org.Marco, AccessRights.ReadAccess));
        org.Service.Execute(Grant(deal, org.Marco, AccessRights.WriteAccess));
        org.Service.Execute(Grant(deal, org.Ben, AccessRights.ReadAccess));

        var shares = SharedWith(org, deal);
        Assert.HasCount(2, shares);
        Assert.AreEqual(AccessRights.ReadAccess | AccessRights.WriteAccess, shares.Single(s => s.Principal.Id == org.Marco).AccessMask);
        Assert.AreEqual(AccessRights.ReadAccess, shares.Single(s => s.Principal.Id == org.Ben).AccessMask);
        Assert.AreEqual("systemuser", shares[0].Principal.LogicalName);
    }

    [TestMethod]
    public void RevokeAccess_removes_only_that_principal_and_revoking_twice_changes_nothing()
    {
        var org = new SalesOrg();
        Guid deal = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);
        org.Service.Execute(Grant(deal, org.Marco, AccessRights.ReadAccess));
        org.Service.Execute(Grant(deal, org.Ben, AccessRights.ReadAccess));

        var revoke = new RevokeAccessRequest { Target = new EntityReference("opportunity", deal), Revokee = new EntityReference("systemuser", org.Ben) };
        org.Service.Execute(revoke);
        org.Service.Execute(revoke);

        Assert.AreEqual(org.Marco, SharedWith(org, deal).Single().Principal.Id);
    }

    [TestMethod]
    public void Deleting_a_record_removes_its_shares_and_a_rolled_back_grant_leaves_none()
    {
        var org = new SalesOrg();
        Guid deal = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);
        Guid other = org.Opportunity("Northwind Logistics Renewal", org.Ben, 50_000.00m);
        org.Service.Execute(Grant(deal, org.Marco, AccessRights.ReadAccess));
        using (org.Org.BeginTransaction())
        {
            org.Service.Execute(Grant(other, org.Marco, AccessRights.ReadAccess));
        }

        org.Service.Delete("opportunity", deal);

        Assert.AreEqual(0, org.Org.Count("principalobjectaccess"));
        Assert.IsEmpty(SharedWith(org, other));
    }

    [TestMethod]
    public void Sharing_an_organization_owned_record_or_with_a_missing_user_faults()
    {
        var org = new SalesOrg();
        Guid deal = org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250.00m);
        Guid period = ValidationTests.Period(org);

        var orgOwned = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Execute(new GrantAccessRequest
        {
            Target = new EntityReference("spm_period", period),
            PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", org.Marco), AccessMask = AccessRights.ReadAccess },
        }));
        var missing = Assert.ThrowsExactly<DataverseFaultException>(() => org.Service.Execute(Grant(deal, Guid.Parse("0badc0de-0000-4000-8000-000000000000"), AccessRights.ReadAccess)));

        Assert.Contains("organization-owned", orgOwned.Message);
        Assert.AreEqual(DataverseErrors.ObjectDoesNotExist, missing.ErrorCode);
        Assert.IsEmpty(SharedWith(org, deal));
    }
}
