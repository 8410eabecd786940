namespace Spm.Sandbox.Tests;

/// <summary>The host's organization registers the custom APIs as solution/customapis declares them.</summary>
[TestClass]
public sealed class SandboxCustomApiTests
{
    [TestMethod]
    public void The_estimate_custom_api_needs_the_privilege_its_definition_names_so_a_user_without_an_spm_role_cannot_call_it()
    {
        var org = Spm.SeedOrg.SandboxOrganization.Create();

        var estimate = org.Pipeline.CustomApis.Single(a => a.UniqueName == "spm_EstimateCommission");

        Assert.AreEqual("prvReadspm_statement", estimate.ExecutePrivilegeName);
        Assert.IsTrue(estimate.IsFunction);
    }

    [TestMethod]
    public void A_long_running_host_keeps_a_bounded_execution_log()
    {
        var org = Spm.SeedOrg.SandboxOrganization.Create();

        Assert.IsNotNull(org.Pipeline.Options.RecordLimit, "the host's pipeline would otherwise keep every execution record for as long as it runs");
    }
}
