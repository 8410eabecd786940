using System.Net;
using System.Text.Json;
using Spm.Plugins.Tests;
using Spm.WebApi.Tests.Fixture;

namespace Spm.WebApi.Tests.Writes;

/// <summary>The custom API spm_EstimateCommission, a function: GET with its parameters in the URL, the response properties as JSON.</summary>
[TestClass]
public sealed class CustomApiTests : OrganizationTestClass<CustomApiTests>
{
    [TestMethod]
    [DataRow("spm_EstimateCommission(Amount=@a,CloseDate=@d)?@a=25000&@d=2026-03-20", DisplayName = "Parameter aliases, a date")]
    [DataRow("spm_EstimateCommission(Amount=@a,CloseDate=@d)?@a=25000.00&@d=2026-03-20T00:00:00Z", DisplayName = "Parameter aliases, a date and time")]
    [DataRow("spm_EstimateCommission(Amount=25000,CloseDate=2026-03-20T00:00:00Z)", DisplayName = "Inline literals")]
    [DataRow("spm_EstimateCommission(Amount=25000.00,CloseDate=2026-03-20)", DisplayName = "Inline literals, a fraction")]
    public async Task A_rep_estimates_what_a_deal_would_add_to_their_quarter(string url)
    {
        WriteAnswer answer = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Get, url, null, Cancel);

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Text);
        JsonElement estimate = answer.Json;
        Assert.AreEqual(Api.Host.ApiUrl + "$metadata#Microsoft.Dynamics.CRM.spm_EstimateCommissionResponse", estimate.GetProperty("@odata.context").GetString());
        Assert.AreEqual(60.00m, estimate.GetProperty("CurrentAttainment").GetDecimal(), "Contoso renewal's 120,000 of a 200,000 quota");
        Assert.AreEqual(72.50m, estimate.GetProperty("ProjectedAttainment").GetDecimal());
        Assert.AreEqual(12_000m, estimate.GetProperty("CurrentEarnings").GetDecimal());
        Assert.AreEqual(14_500m, estimate.GetProperty("ProjectedEarnings").GetDecimal());
        Assert.AreEqual(2_500m, estimate.GetProperty("AdditionalEarnings").GetDecimal());
        Assert.AreEqual("$55,000.00 more to reach the 15% rate of the 'Accelerator' tier (100% attainment)", estimate.GetProperty("NextTier").GetString());
        JsonElement line = JsonDocument.Parse(estimate.GetProperty("Explanation").GetString()!).RootElement.EnumerateArray().Single();
        Assert.AreEqual(14_500m, line.GetProperty("amount").GetDecimal());
    }

    [TestMethod]
    public async Task A_manager_estimates_for_a_rep_of_their_team_with_the_optional_participant()
    {
        WriteAnswer answer = await Api.SendAsync(
            WebApiOrganization.Marco, HttpMethod.Get, $"spm_EstimateCommission(Amount=@a,CloseDate=@d,ParticipantId=@p)?@a=10000&@d=2026-03-20&@p={SpmOrganization.Ben}", null, Cancel);

        Assert.AreEqual(HttpStatusCode.OK, answer.Status, answer.Text);
        Assert.AreEqual(45.00m, answer.Json.GetProperty("CurrentAttainment").GetDecimal(), "Fabrikam expansion's 90,000 of Ben's 200,000");
        Assert.AreEqual(1_000m, answer.Json.GetProperty("AdditionalEarnings").GetDecimal());
    }

    [TestMethod]
    public async Task A_rep_cannot_estimate_a_colleagues_earnings_and_gets_the_plugins_message()
    {
        WriteAnswer answer = await Api.SendAsync(
            WebApiOrganization.Ava, HttpMethod.Get, $"spm_EstimateCommission(Amount=@a,CloseDate=@d,ParticipantId=@p)?@a=10000&@d=2026-03-20&@p={SpmOrganization.Ben}", null, Cancel);

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status);
        Assert.AreEqual(
            ("0x80040265", $"You can estimate only your own earnings or those of people who report to you; systemuser {SpmOrganization.Ben} is not in your reporting line."),
            answer.Error);
    }

    [TestMethod]
    [DataRow("spm_EstimateCommission(Amount=@a,CloseDate=@d)?@a=25000", "The parameter CloseDate is the alias @d, which the query string does not give: add @d=<value>.",
        DisplayName = "An alias without a value")]
    [DataRow("spm_EstimateCommission(Amount=@a,CloseDate=@d)?@a=-5&@d=2026-03-20", "Amount is required and cannot be negative: the what-if deal's value in its currency.",
        DisplayName = "The plug-in refuses a negative amount")]
    [DataRow("spm_EstimateCommission(Amount=@a)?@a=25000",
        "Resource not found for the segment 'spm_EstimateCommission'. spm_EstimateCommission takes Amount (Decimal), CloseDate (DateTime), optional OpportunityId (Guid), optional ParticipantId (Guid).",
        DisplayName = "A required parameter left out")]
    [DataRow("spm_EstimateCommission(Amount=@a,CloseDate=@d)?@a=lots&@d=2026-03-20", "Expected literal type token but found token 'lots'.", DisplayName = "Not a number (ODataLib's own message, as Dataverse answers)")]
    public async Task A_bad_call_is_refused_with_400_naming_the_parameter(string url, string message)
    {
        WriteAnswer answer = await Api.SendAsync(WebApiOrganization.Ava, HttpMethod.Get, url, null, Cancel);

        Assert.AreEqual(HttpStatusCode.BadRequest, answer.Status, answer.Text);
        Assert.AreEqual(message, answer.Error.Message);
    }

    [TestMethod]
    public async Task The_function_is_declared_in_metadata_with_its_parameters_and_response()
    {
        HttpClient client = await Api.SignedInAsync(WebApiOrganization.Ava);

        string csdl = await client.GetStringAsync("$metadata", Cancel);

        Assert.Contains("<Function Name=\"spm_EstimateCommission\">", csdl);
        Assert.Contains("<Parameter Name=\"Amount\" Type=\"Edm.Decimal\" Nullable=\"false\"", csdl);
        Assert.Contains("<ComplexType Name=\"spm_EstimateCommissionResponse\">", csdl);
        Assert.Contains("<Action Name=\"WinOpportunity\">", csdl);
    }
}
