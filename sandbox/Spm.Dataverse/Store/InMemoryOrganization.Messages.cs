using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;

namespace Spm.Dataverse.Store
{
    public sealed partial class InMemoryOrganization
    {
        private const int OpportunityWon = 1;
        private const int OpportunityLost = 2;

        // ---------------------------------------------------------------- Create / Retrieve / Update / Delete

        private CreateResponse CreateMessage(OrganizationRequest request, Guid callerId)
        {
            Entity target = Required<Entity>(request, "Target");
            AuthorizeCreate(target, callerId);
            Guid id = CreateCore(target, callerId);
            AuthorizeCreated(target.LogicalName, id, callerId);
            var response = new CreateResponse { ResponseName = "Create" };
            response.Results["id"] = id;
            return response;
        }

        private Guid CreateCore(Entity target, Guid callerId)
        {
            TableMetadata table = Metadata.GetTable(target.LogicalName);
            Guid id = target.Id;
            if (target.Attributes.TryGetValue(table.PrimaryIdAttribute, out object primary) && primary is Guid primaryId && primaryId != Guid.Empty)
            {
                if (id != Guid.Empty && id != primaryId)
                {
                    throw DataverseErrors.Argument($"Entity Id {id} and attribute '{table.PrimaryIdAttribute}' = {primaryId} of the '{table.LogicalName}' record do not match.");
                }

                id = primaryId;
            }

            if (id == Guid.Empty)
            {
                id = Guid.NewGuid();
            }

            if (Find(table.LogicalName, id) != null)
            {
                throw new DataverseFaultException(DataverseErrors.DuplicateRecord, $"Cannot insert duplicate key. A {table.LogicalName} With Id = {id} already exists.");
            }

            var row = new Entity(table.LogicalName, id);
            CopyIn(table, target, row, isCreate: true);
            row[table.PrimaryIdAttribute] = id;

            DateTime now = Clock();
            var caller = new EntityReference("systemuser", callerId);
            SetIfMissing(row, "createdon", now);
            SetIfMissing(row, "modifiedon", now);
            SetIfMissing(row, "createdby", caller);
            SetIfMissing(row, "modifiedby", new EntityReference("systemuser", callerId));
            if (table.Ownership == OwnershipType.UserOwned)
            {
                SetIfMissing(row, "ownerid", new EntityReference("systemuser", callerId));
                SetOwningBusinessUnit(row);
            }

            if (table.HasStateCode)
            {
                ApplyState(table, row, target, isCreate: true);
            }

            ApplyCurrency(table, row, target, isCreate: true);
            CheckRequired(table, row, EnforceApplicationRequired);
            CheckAlternateKeys(table, row, changed: null);

            row.RowVersion = NextRowVersion();
            Write(table.LogicalName, id, new StoredRow(row, ++_sequence));
            return id;
        }

        private RetrieveResponse RetrieveMessage(OrganizationRequest request, Guid callerId)
        {
            EntityReference target = Required<EntityReference>(request, "Target");
            TableMetadata table = Metadata.GetTable(target.LogicalName);
            ColumnSet columns = Required<ColumnSet>(request, "ColumnSet");
            StoredRow row = Accessible(table, ResolveId(table, target.Id, target.KeyAttributes), AccessRights.ReadAccess, callerId);
            Entity entity = Project(table, row.Data, columns);
            HideSecuredColumns(table, entity, callerId);
            var response = new RetrieveResponse { ResponseName = "Retrieve" };
            response.Results["Entity"] = entity;
            return response;
        }

        private RetrieveMultipleResponse RetrieveMultipleMessage(OrganizationRequest request, Guid callerId)
        {
            QueryBase query = Required<QueryBase>(request, "Query");
            var response = new RetrieveMultipleResponse { ResponseName = "RetrieveMultiple" };
            response.Results["EntityCollection"] = RunQuery(query, callerId);
            return response;
        }

        private UpdateResponse UpdateMessage(OrganizationRequest request, Guid callerId)
        {
            Entity target = Required<Entity>(request, "Target");
            AuthorizeUpdate(target, callerId);
            UpdateCore(target, callerId, Concurrency(request));
            return new UpdateResponse { ResponseName = "Update" };
        }

        private void UpdateCore(Entity target, Guid callerId, ConcurrencyBehavior concurrency)
        {
            TableMetadata table = Metadata.GetTable(target.LogicalName);
            Guid id = ResolveId(table, UpdateTargetId(table, target), target.KeyAttributes);
            StoredRow current = Existing(table, id);
            CheckRowVersion(concurrency, target.RowVersion, current);

            Entity row = AttributeValues.CloneEntity(current.Data);
            CopyIn(table, target, row, isCreate: false);
            row[table.PrimaryIdAttribute] = id;
            if (target.Contains("ownerid"))
            {
                SetOwningBusinessUnit(row);
            }

            if (table.HasStateCode && (target.Contains("statecode") || target.Contains("statuscode")))
            {
                ApplyState(table, row, target, isCreate: false);
            }

            ApplyCurrency(table, row, target, isCreate: false);
            CheckRequired(table, row, EnforceApplicationRequired);
            CheckAlternateKeys(table, row, changed: target);
            Touch(row, target, callerId);
            Write(table.LogicalName, id, new StoredRow(row, current.Sequence));
        }

        /// <summary>The id an Update names: the entity's Id, else its primary id attribute (alternate keys are resolved after).</summary>
        private static Guid UpdateTargetId(TableMetadata table, Entity target) =>
            target.Id == Guid.Empty && target.Attributes.TryGetValue(table.PrimaryIdAttribute, out object primary) && primary is Guid primaryId ? primaryId : target.Id;

        private DeleteResponse DeleteMessage(OrganizationRequest request, Guid callerId)
        {
            EntityReference target = Required<EntityReference>(request, "Target");
            TableMetadata table = Metadata.GetTable(target.LogicalName);
            StoredRow current = Accessible(table, ResolveId(table, target.Id, target.KeyAttributes), AccessRights.DeleteAccess, callerId);
            CheckRowVersion(Concurrency(request), target.RowVersion, current);
            DeleteCore(table, current.Data.Id);
            return new DeleteResponse { ResponseName = "Delete" };
        }

        public IReadOnlyList<EntityReference> PrepareDelete(EntityReference target)
        {
            if (target == null)
            {
                throw new ArgumentNullException(nameof(target));
            }

            lock (_sync)
            {
                TableMetadata table = Metadata.GetTable(target.LogicalName);
                Guid id = ResolveId(table, target.Id, target.KeyAttributes);
                if (Find(table.LogicalName, id) == null)
                {
                    return Array.Empty<EntityReference>();
                }

                CheckRestrict(table, id);
                return Metadata.RelationshipsReferencing(table.LogicalName)
                    .Where(r => r.CascadeDelete == CascadeDeleteBehavior.Cascade)
                    .SelectMany(r => Referencing(r, id).Select(child => new EntityReference(r.ReferencingTable, child.Data.Id)))
                    .Distinct()
                    .ToList();
            }
        }

        /// <summary>
        /// Deletes a row with what its relationships demand: refused while a Restrict child references it, Cascade children
        /// deleted first (depth first, each checked the same way), RemoveLink children keep their row with the lookup cleared.
        /// </summary>
        private void DeleteCore(TableMetadata table, Guid id)
        {
            CheckRestrict(table, id);
            foreach (RelationshipMetadata relationship in Metadata.RelationshipsReferencing(table.LogicalName))
            {
                TableMetadata child = Metadata.GetTable(relationship.ReferencingTable);
                foreach (StoredRow row in Referencing(relationship, id))
                {
                    if (relationship.CascadeDelete == CascadeDeleteBehavior.Cascade)
                    {
                        if (Find(child.LogicalName, row.Data.Id) != null)
                        {
                            DeleteCore(child, row.Data.Id);
                        }
                    }
                    else if (relationship.CascadeDelete == CascadeDeleteBehavior.RemoveLink && Find(child.LogicalName, row.Data.Id) is StoredRow current)
                    {
                        Entity unlinked = AttributeValues.CloneEntity(current.Data);
                        unlinked.Attributes.Remove(relationship.ReferencingAttribute);
                        unlinked.RowVersion = NextRowVersion();
                        Write(child.LogicalName, unlinked.Id, new StoredRow(unlinked, current.Sequence));
                    }
                }
            }

            Write(table.LogicalName, id, null);
            RemoveShares(id);
        }

        private void CheckRestrict(TableMetadata table, Guid id)
        {
            foreach (RelationshipMetadata relationship in Metadata.RelationshipsReferencing(table.LogicalName))
            {
                if (relationship.CascadeDelete != CascadeDeleteBehavior.Restrict)
                {
                    continue;
                }

                int count = Referencing(relationship, id).Count;
                if (count > 0)
                {
                    throw DataverseErrors.RestrictedDelete(table.LogicalName, id, relationship.ReferencingTable, relationship.SchemaName, relationship.ReferencingAttribute, count);
                }
            }
        }

        /// <summary>The rows whose lookup of <paramref name="relationship"/> points to <paramref name="id"/>, in creation order.</summary>
        private List<StoredRow> Referencing(RelationshipMetadata relationship, Guid id)
        {
            if (!_rows.TryGetValue(relationship.ReferencingTable, out Dictionary<Guid, StoredRow>? rows))
            {
                return new List<StoredRow>();
            }

            return rows.Values
                .Where(r => r.Data.Attributes.TryGetValue(relationship.ReferencingAttribute, out object value)
                    && value is EntityReference reference
                    && reference.Id == id
                    && string.Equals(reference.LogicalName, relationship.ReferencedTable, StringComparison.Ordinal))
                .OrderBy(r => r.Sequence)
                .ToList();
        }

        /// <summary>
        /// Refuses a row that would share every value of an alternate key with another row. Only keys with a column the
        /// write sets are checked on update; a key with a null column is not enforced (Dataverse's key index skips nulls).
        /// </summary>
        private void CheckAlternateKeys(TableMetadata table, Entity row, Entity? changed)
        {
            foreach (KeyValuePair<string, IReadOnlyList<string>> key in table.AlternateKeys)
            {
                if (changed != null && !key.Value.Any(changed.Contains))
                {
                    continue;
                }

                object?[] values = key.Value.Select(c => row.Attributes.TryGetValue(c, out object value) ? AttributeValues.Normalize(value) : null).ToArray();
                if (values.Any(v => v == null) || !_rows.TryGetValue(table.LogicalName, out Dictionary<Guid, StoredRow>? rows))
                {
                    continue;
                }

                foreach (StoredRow other in rows.Values)
                {
                    if (other.Data.Id == row.Id)
                    {
                        continue;
                    }

                    bool same = true;
                    for (int i = 0; i < values.Length && same; i++)
                    {
                        same = other.Data.Attributes.TryGetValue(key.Value[i], out object value) && KeyValueEquals(AttributeValues.Normalize(value), values[i]);
                    }

                    if (same)
                    {
                        string shown = string.Join(", ", key.Value.Select((c, i) => $"{c} = {Convert.ToString(values[i], System.Globalization.CultureInfo.InvariantCulture)}"));
                        throw DataverseErrors.DuplicateKey(table.LogicalName, key.Key, key.Value, shown, other.Data.Id);
                    }
                }
            }
        }

        /// <summary>Key values compare as the database does: text without regard to case (the default collation), the rest by value.</summary>
        internal static bool KeyValueEquals(object? left, object? right) =>
            left is string a && right is string b ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase) : Equals(left, right);

        private UpsertResponse UpsertMessage(OrganizationRequest request, Guid callerId)
        {
            Entity target = Required<Entity>(request, "Target");
            TableMetadata table = Metadata.GetTable(target.LogicalName);
            Guid id = ResolveId(table, target.Id, target.KeyAttributes);
            bool exists = id != Guid.Empty && Find(table.LogicalName, id) != null;
            var response = new UpsertResponse { ResponseName = "Upsert" };
            if (exists)
            {
                var update = new Entity(table.LogicalName, id);
                foreach (KeyValuePair<string, object> attribute in target.Attributes)
                {
                    update.Attributes[attribute.Key] = attribute.Value;
                }

                AuthorizeUpdate(update, callerId);
                UpdateCore(update, callerId, ConcurrencyBehavior.Default);
            }
            else
            {
                var create = new Entity(table.LogicalName, id);
                foreach (KeyValuePair<string, object> key in target.KeyAttributes)
                {
                    if (key.Key != table.PrimaryIdAttribute)
                    {
                        create.Attributes[key.Key] = key.Value;
                    }
                }

                foreach (KeyValuePair<string, object> attribute in target.Attributes)
                {
                    create.Attributes[attribute.Key] = attribute.Value;
                }

                AuthorizeCreate(create, callerId);
                id = CreateCore(create, callerId);
                AuthorizeCreated(table.LogicalName, id, callerId);
            }

            response.Results["RecordCreated"] = !exists;
            response.Results["Target"] = new EntityReference(table.LogicalName, id);
            return response;
        }

        // ---------------------------------------------------------------- Assign / SetState / Win / Lose

        private AssignResponse AssignMessage(OrganizationRequest request, Guid callerId)
        {
            EntityReference target = Required<EntityReference>(request, "Target");
            EntityReference assignee = Required<EntityReference>(request, "Assignee");
            TableMetadata table = Metadata.GetTable(target.LogicalName);
            if (table.Ownership != OwnershipType.UserOwned)
            {
                throw DataverseErrors.Argument($"'{table.LogicalName}' is organization-owned; its records cannot be assigned.");
            }

            var update = new Entity(table.LogicalName, ResolveId(table, target.Id, target.KeyAttributes));
            update["ownerid"] = new EntityReference(assignee.LogicalName, assignee.Id);
            AuthorizeAssign(table, update.Id, assignee, callerId);
            UpdateCore(update, callerId, ConcurrencyBehavior.Default);
            return new AssignResponse { ResponseName = "Assign" };
        }

        private SetStateResponse SetStateMessage(OrganizationRequest request, Guid callerId)
        {
            EntityReference moniker = Required<EntityReference>(request, "EntityMoniker");
            OptionSetValue state = Required<OptionSetValue>(request, "State");
            OptionSetValue status = request.Parameters.TryGetValue("Status", out object value) && value is OptionSetValue given ? given : new OptionSetValue(-1);
            TableMetadata table = Metadata.GetTable(moniker.LogicalName);
            if (!table.HasStateCode)
            {
                throw DataverseErrors.Argument($"'{table.LogicalName}' has no statecode; SetState does not apply.");
            }

            var update = new Entity(table.LogicalName, ResolveId(table, moniker.Id, moniker.KeyAttributes));
            update["statecode"] = new OptionSetValue(state.Value);
            update["statuscode"] = new OptionSetValue(status.Value);
            AuthorizeUpdate(update, callerId);
            UpdateCore(update, callerId, ConcurrencyBehavior.Default);
            return new SetStateResponse { ResponseName = "SetState" };
        }

        private OrganizationResponse CloseOpportunityMessage(OrganizationRequest request, Guid callerId, bool won)
        {
            Entity close = Required<Entity>(request, "OpportunityClose");
            OptionSetValue status = Required<OptionSetValue>(request, "Status");
            if (close.LogicalName != "opportunityclose")
            {
                throw DataverseErrors.Argument($"OpportunityClose must be an 'opportunityclose' entity, not '{close.LogicalName}'.");
            }

            EntityReference opportunityRef = close.GetAttributeValue<EntityReference>("opportunityid")
                ?? throw new DataverseFaultException(DataverseErrors.RequiredFieldMissing, "Required field 'opportunityid' of OpportunityClose is missing.");
            TableMetadata opportunityTable = Metadata.GetTable("opportunity");
            StoredRow opportunity = Accessible(opportunityTable, opportunityRef.Id, AccessRights.WriteAccess, callerId);

            int targetState = won ? OpportunityWon : OpportunityLost;
            StateDefinition stateDefinition = opportunityTable.FindState(targetState)!;
            int statusValue = status.Value == -1 ? stateDefinition.DefaultStatus : status.Value;
            if (!stateDefinition.Statuses.Contains(statusValue))
            {
                throw InvalidStatus(opportunityTable, statusValue, stateDefinition, opportunityRef.Id);
            }

            int currentState = opportunity.Data.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0;
            if (currentState != 0)
            {
                throw new DataverseFaultException(
                    DataverseErrors.InvalidState,
                    $"opportunity With Id = {opportunityRef.Id} is not open (statecode {opportunityTable.StateEnumName}.{opportunityTable.FindState(currentState)?.Name}); only an open opportunity can be won or lost.");
            }

            DateTime actualEnd = close.GetAttributeValue<DateTime?>("actualend") ?? Clock();

            var activity = new Entity("opportunityclose", close.Id);
            foreach (KeyValuePair<string, object> attribute in close.Attributes)
            {
                activity.Attributes[attribute.Key] = attribute.Value;
            }

            if (!activity.Contains("subject"))
            {
                activity["subject"] = won ? "Opportunity Won" : "Opportunity Lost";
            }

            if (!activity.Contains("transactioncurrencyid") && opportunity.Data.Contains("transactioncurrencyid"))
            {
                activity["transactioncurrencyid"] = AttributeValues.Clone(opportunity.Data["transactioncurrencyid"]);
            }

            activity["actualend"] = actualEnd;
            activity["statecode"] = new OptionSetValue(1);
            activity["statuscode"] = new OptionSetValue(2);
            CreateCore(activity, callerId);

            var update = new Entity("opportunity", opportunityRef.Id);
            update["statecode"] = new OptionSetValue(targetState);
            update["statuscode"] = new OptionSetValue(statusValue);
            update["actualclosedate"] = actualEnd.Date;
            if (close.GetAttributeValue<Money>("actualrevenue") is Money revenue)
            {
                update["actualvalue"] = new Money(revenue.Value);
            }

            UpdateCore(update, callerId, ConcurrencyBehavior.Default);
            return won ? new WinOpportunityResponse { ResponseName = "WinOpportunity" } : new LoseOpportunityResponse { ResponseName = "LoseOpportunity" };
        }

        // ---------------------------------------------------------------- ExecuteMultiple

        private ExecuteMultipleResponse ExecuteMultipleMessage(OrganizationRequest request, Guid callerId)
        {
            OrganizationRequestCollection requests = Required<OrganizationRequestCollection>(request, "Requests");
            ExecuteMultipleSettings settings = Required<ExecuteMultipleSettings>(request, "Settings");
            var responses = new ExecuteMultipleResponseItemCollection();
            bool faulted = false;
            for (int i = 0; i < requests.Count; i++)
            {
                OrganizationRequest item = requests[i];
                try
                {
                    if (item.RequestName == "ExecuteMultiple")
                    {
                        throw DataverseErrors.Argument("ExecuteMultiple cannot contain another ExecuteMultiple request.");
                    }

                    OrganizationResponse response = Dispatch(item, callerId);
                    if (settings.ReturnResponses)
                    {
                        responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Response = response });
                    }
                }
                catch (DataverseFaultException fault)
                {
                    faulted = true;
                    responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Fault = fault.Fault });
                    if (!settings.ContinueOnError)
                    {
                        break;
                    }
                }
            }

            var result = new ExecuteMultipleResponse { ResponseName = "ExecuteMultiple" };
            result.Results["IsFaulted"] = faulted;
            result.Results["Responses"] = responses;
            return result;
        }

        // ---------------------------------------------------------------- row rules

        /// <summary>Checks and copies the caller's attributes into <paramref name="row"/>; null removes a value.</summary>
        private void CopyIn(TableMetadata table, Entity source, Entity row, bool isCreate)
        {
            foreach (KeyValuePair<string, object> attribute in source.Attributes)
            {
                ColumnMetadata column = table.FindColumn(attribute.Key) ?? throw DataverseErrors.UnknownAttribute(table.LogicalName, attribute.Key);
                if (column.IsComputed)
                {
                    continue;
                }

                if (!isCreate && column.LogicalName == table.PrimaryIdAttribute)
                {
                    continue;
                }

                if (column.Type == ColumnType.Status && attribute.Value is OptionSetValue { Value: -1 })
                {
                    continue; // -1: the default status of the state, chosen by ApplyState
                }

                object? value = AttributeValues.Validate(table, column, attribute.Value);
                if (value is EntityReference reference)
                {
                    TableMetadata target = Metadata.GetTable(reference.LogicalName);
                    if (Find(target.LogicalName, reference.Id) == null)
                    {
                        throw DataverseErrors.DoesNotExist(target.LogicalName, reference.Id);
                    }
                }

                if (value == null)
                {
                    row.Attributes.Remove(column.LogicalName);
                }
                else
                {
                    row.Attributes[column.LogicalName] = value;
                }
            }
        }

        private static void SetIfMissing(Entity row, string attribute, object value)
        {
            if (!row.Contains(attribute))
            {
                row[attribute] = value;
            }
        }

        private void SetOwningBusinessUnit(Entity row)
        {
            if (row.GetAttributeValue<EntityReference>("ownerid") is EntityReference owner
                && Find(owner.LogicalName, owner.Id)?.Data.GetAttributeValue<EntityReference>("businessunitid") is EntityReference unit)
            {
                row["owningbusinessunit"] = new EntityReference(unit.LogicalName, unit.Id);
            }
        }

        private void Touch(Entity row, Entity target, Guid callerId)
        {
            if (!target.Contains("modifiedon"))
            {
                row["modifiedon"] = Clock();
            }

            if (!target.Contains("modifiedby"))
            {
                row["modifiedby"] = new EntityReference("systemuser", callerId);
            }

            row.RowVersion = NextRowVersion();
        }

        /// <summary>Defaults and checks the statecode/statuscode pair (a status without a state takes the state it belongs to on create).</summary>
        private static void ApplyState(TableMetadata table, Entity row, Entity target, bool isCreate)
        {
            int? givenState = target.GetAttributeValue<OptionSetValue>("statecode")?.Value;
            int? givenStatus = target.GetAttributeValue<OptionSetValue>("statuscode")?.Value;
            if (givenStatus == -1)
            {
                givenStatus = null;
            }

            int state = givenState ?? (isCreate ? table.States[0].Value : row.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? table.States[0].Value);
            StateDefinition definition = table.FindState(state)
                ?? throw new DataverseFaultException(
                    DataverseErrors.InvalidStateCodeStatusCode,
                    $"{state} is not a valid state code on {table.LogicalName} with Id {row.Id}.");
            int status = givenStatus ?? (givenState != null || isCreate ? definition.DefaultStatus : row.GetAttributeValue<OptionSetValue>("statuscode")?.Value ?? definition.DefaultStatus);
            if (!definition.Statuses.Contains(status))
            {
                throw InvalidStatus(table, status, definition, row.Id);
            }

            row["statecode"] = new OptionSetValue(state);
            row["statuscode"] = new OptionSetValue(status);
        }

        private static DataverseFaultException InvalidStatus(TableMetadata table, int status, StateDefinition state, Guid id) =>
            new DataverseFaultException(
                DataverseErrors.InvalidStateCodeStatusCode,
                $"{status} is not a valid status code for state code {table.StateEnumName}.{state.Name} on {table.LogicalName} with Id {id}. " +
                $"Valid status codes for {state.Name}: {string.Join(", ", state.Statuses)}.");

        /// <summary>
        /// For tables with transactioncurrencyid: defaults the currency, copies the exchange rate from the currency row when the
        /// caller did not give one, and sets every X_base = round(X / exchangerate, base currency precision).
        /// </summary>
        private void ApplyCurrency(TableMetadata table, Entity row, Entity target, bool isCreate)
        {
            if (!table.IsCurrencyTable)
            {
                return;
            }

            List<ColumnMetadata> moneyColumns = table.Columns.Where(c => c.Type == ColumnType.Money && !c.IsComputed).ToList();
            bool hasMoney = moneyColumns.Any(c => row.Contains(c.LogicalName));
            if (!row.Contains("transactioncurrencyid") && hasMoney && BaseCurrencyId is Guid baseCurrency && Find("transactioncurrency", baseCurrency) != null)
            {
                row["transactioncurrencyid"] = new EntityReference("transactioncurrency", baseCurrency);
            }

            if (row.GetAttributeValue<EntityReference>("transactioncurrencyid") is EntityReference currencyRef)
            {
                bool refresh = isCreate || target.Contains("transactioncurrencyid") || moneyColumns.Any(c => target.Contains(c.LogicalName));
                if (refresh && target.GetAttributeValue<decimal?>("exchangerate") == null)
                {
                    StoredRow currency = Find("transactioncurrency", currencyRef.Id) ?? throw DataverseErrors.DoesNotExist("transactioncurrency", currencyRef.Id);
                    row["exchangerate"] = currency.Data.GetAttributeValue<decimal>("exchangerate");
                }
            }
            else if (target.Contains("transactioncurrencyid"))
            {
                row.Attributes.Remove("exchangerate");
            }

            decimal rate = row.GetAttributeValue<decimal?>("exchangerate") ?? 1m;
            if (rate <= 0m)
            {
                throw DataverseErrors.Argument($"The exchange rate of the '{table.LogicalName}' record must be greater than zero, not {rate}.");
            }

            int precision = BaseCurrencyPrecision();
            foreach (ColumnMetadata column in moneyColumns)
            {
                string baseName = column.LogicalName + "_base";
                if (row.GetAttributeValue<Money>(column.LogicalName) is Money money)
                {
                    row[baseName] = new Money(Math.Round(money.Value / rate, precision, MidpointRounding.AwayFromZero));
                }
                else
                {
                    row.Attributes.Remove(baseName);
                }
            }
        }

        private int BaseCurrencyPrecision()
        {
            if (BaseCurrencyId is Guid id && Find("transactioncurrency", id)?.Data.GetAttributeValue<int?>("currencyprecision") is int precision)
            {
                return precision;
            }

            return 2;
        }

        private static void CheckRequired(TableMetadata table, Entity row, bool enforceApplicationRequired)
        {
            foreach (ColumnMetadata column in table.Columns)
            {
                bool enforced = column.RequiredLevel == RequiredLevel.SystemRequired
                    || (enforceApplicationRequired && column.RequiredLevel == RequiredLevel.ApplicationRequired);
                if (enforced && !row.Contains(column.LogicalName))
                {
                    throw new DataverseFaultException(
                        DataverseErrors.RequiredFieldMissing,
                        $"Attribute '{column.LogicalName}' of '{table.LogicalName}' is required ({column.RequiredLevel}) and cannot be missing or null.");
                }
            }
        }
    }
}
