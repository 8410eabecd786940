using Spm.WebApi.Tests.Fixture;

namespace Spm.WebApi.Tests;

[TestClass]
public sealed class SmokeTests
{
    [TestMethod]
    public async Task Dump()
    {
        await using var api = await WebApiOrganization.StartAsync(a => a.SeedQuarter());
        foreach (var url in new[] { "opportunities?$select=name,estimatedvalue,_ownerid_value,estimatedclosedate,statecode&$orderby=name&$top=3", "WhoAmI", "opportunities?$select=name&$expand=ownerid($select=fullname)&$top=2&$count=true", "spm_statements?$select=spm_credited,_spm_participantid_value", "opportunities?$filter=contains(name,'o') and estimatedvalue gt 50000&$select=name" })
        {
            var (status, body, response) = await api.GetAsync(WebApiOrganization.Admin, url, ("Prefer", "odata.include-annotations=\"*\",odata.maxpagesize=2"));
            Console.WriteLine($"{url} {status} {response.Content.Headers.ContentType} {string.Join(";", response.Headers.Select(h => h.Key + "=" + string.Join(",", h.Value)))}\n{body}\n");
        }
    }
}
