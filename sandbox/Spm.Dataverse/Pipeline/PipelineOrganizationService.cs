using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>An organization service whose every call goes through the plug-in pipeline.</summary>
    internal sealed class PipelineOrganizationService : IOrganizationService
    {
        private readonly PluginPipeline _pipeline;
        private readonly Guid _userId;
        private readonly Guid _initiatingUserId;
        private readonly PluginExecutionContext? _parent;
        private readonly RequestCounter? _counter;

        public PipelineOrganizationService(PluginPipeline pipeline, Guid userId, Guid initiatingUserId, PluginExecutionContext? parent, RequestCounter? counter)
        {
            _pipeline = pipeline;
            _userId = userId;
            _initiatingUserId = initiatingUserId;
            _parent = parent;
            _counter = counter;
        }

        public OrganizationResponse Execute(OrganizationRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            _counter?.Record(request);
            return _pipeline.Execute(request, _userId, _initiatingUserId, _parent);
        }

        public Guid Create(Entity entity)
        {
            OrganizationResponse response = Execute(new CreateRequest { Target = entity });
            return response.Results.TryGetValue("id", out object? id) && id is Guid guid ? guid : Guid.Empty;
        }

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet)
        {
            OrganizationResponse response = Execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet });
            return (Entity)response.Results["Entity"];
        }

        public EntityCollection RetrieveMultiple(QueryBase query)
        {
            OrganizationResponse response = Execute(new RetrieveMultipleRequest { Query = query });
            return (EntityCollection)response.Results["EntityCollection"];
        }

        public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

        public void Delete(string entityName, Guid id) => Execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
        {
            var request = new OrganizationRequest("Associate");
            request.Parameters["Target"] = new EntityReference(entityName, entityId);
            request.Parameters["Relationship"] = relationship;
            request.Parameters["RelatedEntities"] = relatedEntities;
            Execute(request);
        }

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities)
        {
            var request = new OrganizationRequest("Disassociate");
            request.Parameters["Target"] = new EntityReference(entityName, entityId);
            request.Parameters["Relationship"] = relationship;
            request.Parameters["RelatedEntities"] = relatedEntities;
            Execute(request);
        }
    }
}
