using System;

namespace Spm.WebApi.Identity
{
    /// <summary>A systemuser a token can be issued to: who they are in the organization and in the (local) directory.</summary>
    public sealed record SignInUser(Guid SystemUserId, string FullName, string? DomainName, Guid? AzureActiveDirectoryObjectId, Guid BusinessUnitId, bool IsDisabled)
    {
        /// <summary>The token's oid/sub: the directory object id, or the systemuserid of a user who has none.</summary>
        public Guid ObjectId => AzureActiveDirectoryObjectId ?? SystemUserId;
    }
}
