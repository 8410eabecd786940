using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Spm.Dataverse.Store
{
    /// <summary>IOrganizationService over the store's core operations, without plug-ins.</summary>
    internal sealed class InMemoryOrganizationService : IOrganizationService
    {
        private readonly InMemoryOrganization _organization;
        private readonly Guid _callerId;

        public InMemoryOrganizationService(InMemoryOrganization organization, Guid callerId)
        {
            _organization = organization;
            _callerId = callerId;
        }

        public Guid Create(Entity entity) => ((CreateResponse)Execute(new CreateRequest { Target = entity })).id;

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
            ((RetrieveResponse)Execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet })).Entity;

        public EntityCollection RetrieveMultiple(QueryBase query) =>
            ((RetrieveMultipleResponse)Execute(new RetrieveMultipleRequest { Query = query })).EntityCollection;

        public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

        public void Delete(string entityName, Guid id) => Execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

        public OrganizationResponse Execute(OrganizationRequest request) => _organization.ExecuteCore(request, _callerId);

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            throw new DataverseFaultException(DataverseErrors.NotImplemented, "Associate (many-to-many relationships) is not supported by the in-memory organization.");

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            throw new DataverseFaultException(DataverseErrors.NotImplemented, "Disassociate (many-to-many relationships) is not supported by the in-memory organization.");
    }
}
