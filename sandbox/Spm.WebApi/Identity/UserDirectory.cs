using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Pipeline;

namespace Spm.WebApi.Identity
{
    /// <summary>
    /// Finds the systemuser behind a sign-in name or a token's object id. It reads the store as SYSTEM, without plug-ins,
    /// as Dataverse's own authentication does before any security role applies.
    /// </summary>
    public sealed class UserDirectory
    {
        private static readonly string[] Columns = { "systemuserid", "fullname", "domainname", "azureactivedirectoryobjectid", "businessunitid", "isdisabled" };
        private readonly PluginPipeline _pipeline;

        public UserDirectory(PluginPipeline pipeline)
        {
            _pipeline = pipeline;
        }

        /// <summary>The user whose domainname (sign-in name) is <paramref name="domainName"/>, ignoring case; null when none is.</summary>
        public SignInUser? FindByDomainName(string domainName) =>
            Query(new ConditionExpression("domainname", ConditionOperator.Equal, domainName)).FirstOrDefault();

        /// <summary>The user a token's oid names: by azureactivedirectoryobjectid, or by systemuserid for a user with no directory id.</summary>
        public SignInUser? FindByObjectId(Guid objectId) =>
            Query(new ConditionExpression("azureactivedirectoryobjectid", ConditionOperator.Equal, objectId)).FirstOrDefault()
            ?? Query(new ConditionExpression("systemuserid", ConditionOperator.Equal, objectId)).FirstOrDefault(u => u.AzureActiveDirectoryObjectId == null);

        /// <summary>The enabled users that have a sign-in name, by full name: whom the token endpoint can sign in.</summary>
        public IReadOnlyList<SignInUser> SignInUsers() =>
            Query(new ConditionExpression("domainname", ConditionOperator.NotNull))
                .Where(u => !u.IsDisabled)
                .OrderBy(u => u.FullName, StringComparer.Ordinal)
                .ToList();

        private IEnumerable<SignInUser> Query(ConditionExpression condition)
        {
            var query = new QueryExpression("systemuser") { ColumnSet = new ColumnSet(Columns) };
            query.Criteria.AddCondition(condition);
            var response = (RetrieveMultipleResponse)_pipeline.Store.ExecuteCore(new RetrieveMultipleRequest { Query = query }, _pipeline.Options.SystemUserId);
            return response.EntityCollection.Entities.Select(ToUser);
        }

        private SignInUser ToUser(Entity row) => new SignInUser(
            row.Id,
            row.GetAttributeValue<string>("fullname") ?? string.Empty,
            row.GetAttributeValue<string>("domainname"),
            row.Contains("azureactivedirectoryobjectid") ? row.GetAttributeValue<Guid>("azureactivedirectoryobjectid") : null,
            row.GetAttributeValue<EntityReference>("businessunitid")?.Id ?? _pipeline.Options.BusinessUnitId,
            row.GetAttributeValue<bool>("isdisabled"));
    }
}
