using Microsoft.Extensions.Options;
using Spm.TeamsBot.Tests.Fixture;

namespace Spm.TeamsBot.Tests;

[TestClass]
public sealed class StartupValidationTests
{
    private const string AppId = "0b5e8f3a-6c1d-4a7e-b2f9-3d8c6a1e5f47";
    private const string Secret = "client-secret-for-outbound-calls";
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    [TestMethod]
    [DataRow("SingleTenant", AppId, Secret, "", "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.")]
    [DataRow("SingleTenant", "", "", Tenant, "MicrosoftAppId is required when MicrosoftAppType is SingleTenant.")]
    [DataRow("SingleTenant", AppId, "", Tenant, "MicrosoftAppPassword is required when MicrosoftAppType is SingleTenant and MicrosoftAppId is set.")]
    [DataRow("MultiTenant", AppId, "", "", "MicrosoftAppPassword is required when MicrosoftAppType is MultiTenant and MicrosoftAppId is set.")]
    [DataRow("MultiTenant", "", Secret, "", "MicrosoftAppId is required when MicrosoftAppPassword is set (without an app id the bot runs in local mode).")]
    [DataRow("UserAssignedMSI", "", "", Tenant, "MicrosoftAppId is required when MicrosoftAppType is UserAssignedMSI.")]
    [DataRow("UserAssignedMSI", AppId, "", "", "MicrosoftAppTenantId is required when MicrosoftAppType is UserAssignedMSI.")]
    [DataRow("UserAssignedMSI", AppId, Secret, Tenant, "MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI (the managed identity has no secret).")]
    [DataRow("MultiTenantt", AppId, Secret, "", "MicrosoftAppType 'MultiTenantt' is not one of MultiTenant, SingleTenant, UserAssignedMSI.")]
    public void The_bot_does_not_start_with_an_incomplete_identity_and_names_the_setting(string appType, string appId, string password, string tenantId, string message)
    {
        using var bot = new BotHost(new Dictionary<string, string>
        {
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppId"] = appId,
            ["MicrosoftAppPassword"] = password,
            ["MicrosoftAppTenantId"] = tenantId,
        });

        var error = Assert.Throws<Exception>(bot.Start);

        var validation = Unwrap(error);
        Assert.IsNotNull(validation, error.ToString());
        Assert.Contains(message, validation.Failures);
    }

    [TestMethod]
    [DataRow("MultiTenant", AppId, Secret, "")]
    [DataRow("SingleTenant", AppId, Secret, Tenant)]
    [DataRow("UserAssignedMSI", AppId, "", Tenant)]
    [DataRow("MultiTenant", "", "", "")]
    public void The_bot_starts_with_a_complete_identity_or_none_at_all(string appType, string appId, string password, string tenantId)
    {
        using var bot = new BotHost(new Dictionary<string, string>
        {
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppId"] = appId,
            ["MicrosoftAppPassword"] = password,
            ["MicrosoftAppTenantId"] = tenantId,
        });

        bot.Start();
    }

    private static OptionsValidationException? Unwrap(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is OptionsValidationException validation)
            {
                return validation;
            }

            if (error is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                return aggregate.InnerExceptions.Select(Unwrap).FirstOrDefault(v => v is not null);
            }
        }

        return null;
    }
}
