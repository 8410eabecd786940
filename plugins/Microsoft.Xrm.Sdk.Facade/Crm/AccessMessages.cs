using System;
using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    // Sharing messages of Microsoft.Crm.Sdk.Proxy (GrantAccess, RevokeAccess, RetrieveSharedPrincipalsAndAccess), with
    // the official parameter names: "Target", "PrincipalAccess", "Revokee"; result "PrincipalAccesses".

    /// <summary>The rights a share gives (the official flag values).</summary>
    [Flags]
    public enum AccessRights
    {
        None = 0,
        ReadAccess = 1,
        WriteAccess = 2,
        AppendAccess = 4,
        AppendToAccess = 16,
        CreateAccess = 32,
        DeleteAccess = 65536,
        ShareAccess = 262144,
        AssignAccess = 524288,
    }

    /// <summary>A principal (systemuser or team) and the rights it holds on a record.</summary>
    public sealed class PrincipalAccess : IExtensibleDataObject
    {
        public PrincipalAccess()
        {
        }

        public AccessRights AccessMask { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public EntityReference Principal { get; set; }
    }

    /// <summary>The GrantAccess message: shares "Target" with the principal and rights of "PrincipalAccess".</summary>
    public sealed class GrantAccessRequest : OrganizationRequest
    {
        public GrantAccessRequest()
        {
            RequestName = "GrantAccess";
            Target = null;
            PrincipalAccess = null;
        }

        public PrincipalAccess PrincipalAccess
        {
            get => ParameterAccess.Get<PrincipalAccess>(Parameters, "PrincipalAccess");
            set => Parameters["PrincipalAccess"] = value;
        }

        public EntityReference Target
        {
            get => ParameterAccess.Get<EntityReference>(Parameters, "Target");
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>The response to <see cref="GrantAccessRequest"/>.</summary>
    public sealed class GrantAccessResponse : OrganizationResponse
    {
        public GrantAccessResponse()
        {
        }
    }

    /// <summary>The RevokeAccess message: removes the share of "Target" with "Revokee".</summary>
    public sealed class RevokeAccessRequest : OrganizationRequest
    {
        public RevokeAccessRequest()
        {
            RequestName = "RevokeAccess";
            Target = null;
            Revokee = null;
        }

        public EntityReference Revokee
        {
            get => ParameterAccess.Get<EntityReference>(Parameters, "Revokee");
            set => Parameters["Revokee"] = value;
        }

        public EntityReference Target
        {
            get => ParameterAccess.Get<EntityReference>(Parameters, "Target");
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>The response to <see cref="RevokeAccessRequest"/>.</summary>
    public sealed class RevokeAccessResponse : OrganizationResponse
    {
        public RevokeAccessResponse()
        {
        }
    }

    /// <summary>The RetrieveSharedPrincipalsAndAccess message: who "Target" is shared with, and with which rights.</summary>
    public sealed class RetrieveSharedPrincipalsAndAccessRequest : OrganizationRequest
    {
        public RetrieveSharedPrincipalsAndAccessRequest()
        {
            RequestName = "RetrieveSharedPrincipalsAndAccess";
            Target = null;
        }

        public EntityReference Target
        {
            get => ParameterAccess.Get<EntityReference>(Parameters, "Target");
            set => Parameters["Target"] = value;
        }
    }

    /// <summary>The response to <see cref="RetrieveSharedPrincipalsAndAccessRequest"/>.</summary>
    public sealed class RetrieveSharedPrincipalsAndAccessResponse : OrganizationResponse
    {
        public RetrieveSharedPrincipalsAndAccessResponse()
        {
        }

        public PrincipalAccess[] PrincipalAccesses => ParameterAccess.Get<PrincipalAccess[]>(Results, "PrincipalAccesses");
    }
}
