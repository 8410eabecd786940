using System;

namespace Spm.SeedOrg
{
    /// <summary>A person of the demo org someone can sign in as: their systemuser id, name, SPM role and sign-in name (domainname).</summary>
    /// <param name="ParticipantId">The id in <see cref="DemoOrg"/> ("olivia"); null for the sales-ops admin, who is not a participant.</param>
    /// <param name="SecurityTeam">The Dataverse team that gives them their SPM role and the SPM Earnings profile.</param>
    public sealed record DemoUser(Guid Id, string? ParticipantId, string FullName, string DomainName, string Role, string SecurityTeam, string SalesTeam);
}
