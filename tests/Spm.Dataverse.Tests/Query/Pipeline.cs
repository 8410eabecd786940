using Microsoft.Xrm.Sdk;
using Spm.Dataverse.Tests.Store;

namespace Spm.Dataverse.Tests.Query;

/// <summary>
/// Five EUR/USD opportunities for Ava and Ben (Q1 2025), two of them won, one lost:
/// OPP-1 Northwind (Ava, 10,000 EUR, won 46,000 EUR on 2025-02-10), OPP-2 Contoso Fleet (Ava, 48,250 USD, open),
/// OPP-3 Fabrikam (Ben, 72,000 USD, won 72,000 on 2025-03-05), OPP-4 Litware (Ben, 9,200 EUR, lost),
/// OPP-5 Adventure Works (Ava, 15,000 USD, won 13,800 on 2025-03-12, no customer).
/// </summary>
internal static class Pipeline
{
    public static SalesOrg Build()
    {
        var org = new SalesOrg();
        Guid n = org.Opportunity("Northwind Logistics Renewal", org.Ava, 10_000m, org.Eur, new DateTime(2025, 2, 15), 60);
        org.Opportunity("Contoso Fleet Expansion", org.Ava, 48_250m, org.Usd, new DateTime(2025, 3, 31), 40);
        Guid f = org.Opportunity("Fabrikam Data Platform", org.Ben, 72_000m, org.Usd, new DateTime(2025, 3, 1), 80);
        Guid l = org.Opportunity("Litware Renewal", org.Ben, 9_200m, org.Eur, new DateTime(2025, 1, 20), 20);
        Guid a = org.Opportunity("Adventure Works Expansion", org.Ava, 15_000m, org.Usd, new DateTime(2025, 3, 10), 70);
        org.Service.Update(new Entity("opportunity", a) { ["customerid"] = null });
        Win(org, n, 46_000m, new DateTime(2025, 2, 10));
        Win(org, f, 72_000m, new DateTime(2025, 3, 5));
        Win(org, a, 13_800m, new DateTime(2025, 3, 12));
        org.Service.Execute(new Microsoft.Crm.Sdk.Messages.LoseOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose") { ["opportunityid"] = new EntityReference("opportunity", l) },
            Status = new OptionSetValue(4),
        });
        return org;
    }

    private static void Win(SalesOrg org, Guid id, decimal revenue, DateTime end)
    {
        org.Service.Execute(new Microsoft.Crm.Sdk.Messages.WinOpportunityRequest
        {
            OpportunityClose = new Entity("opportunityclose")
            {
                ["opportunityid"] = new EntityReference("opportunity", id),
                ["actualrevenue"] = new Money(revenue),
                ["actualend"] = end,
            },
            Status = new OptionSetValue(3),
        });
    }
}
