using System;
using Microsoft.OData.Edm;
using Spm.WebApi.Edm;

namespace Spm.WebApi.Actions
{
    /// <summary>
    /// The functions and actions this feature serves, declared in the OData model as Dataverse's $metadata declares them:
    /// WinOpportunity and LoseOpportunity (unbound actions taking OpportunityClose and Status), and each custom API of the
    /// solution (a function or an action with its typed parameters, returning the complex type &lt;name&gt;Response).
    /// </summary>
    internal static class OperationModel
    {
        public static void AddOpportunityCloseActions(DataverseEdmModel edm)
        {
            foreach (string name in new[] { OpportunityCloseActions.Win, OpportunityCloseActions.Lose })
            {
                var action = new EdmAction(DataverseEdmModel.Namespace, name, returnType: null, isBound: false, entitySetPathExpression: null);
                action.AddParameter("OpportunityClose", new EdmEntityTypeReference(edm.EntityType("opportunityclose"), isNullable: false));
                action.AddParameter("Status", EdmCoreModel.Instance.GetInt32(isNullable: false));
                edm.MutableModel.AddElement(action);
                edm.Container.AddActionImport(name, action);
            }
        }

        public static void AddCustomApi(DataverseEdmModel edm, CustomApiDefinition api)
        {
            var response = new EdmComplexType(DataverseEdmModel.Namespace, api.ResponseTypeName);
            foreach (CustomApiField property in api.ResponseProperties)
            {
                response.AddStructuralProperty(property.UniqueName, TypeOf(edm, property));
            }

            edm.MutableModel.AddElement(response);
            var returnType = new EdmComplexTypeReference(response, isNullable: false);
            bool bound = api.BoundEntityLogicalName is not null;
            EdmOperation operation = api.IsFunction
                ? new EdmFunction(DataverseEdmModel.Namespace, api.UniqueName, returnType, bound, entitySetPathExpression: null, isComposable: false)
                : new EdmAction(DataverseEdmModel.Namespace, api.UniqueName, returnType, bound, entitySetPathExpression: null);
            if (bound)
            {
                operation.AddParameter("entity", new EdmEntityTypeReference(edm.EntityType(api.BoundEntityLogicalName!), isNullable: false));
            }

            foreach (CustomApiField parameter in api.RequestParameters)
            {
                IEdmTypeReference type = TypeOf(edm, parameter);
                if (parameter.IsOptional)
                {
                    operation.AddOptionalParameter(parameter.UniqueName, type);
                }
                else
                {
                    operation.AddParameter(parameter.UniqueName, type);
                }
            }

            edm.MutableModel.AddElement(operation);
            if (bound)
            {
                return;
            }

            if (operation is EdmFunction function)
            {
                edm.Container.AddFunctionImport(api.UniqueName, function);
            }
            else
            {
                edm.Container.AddActionImport(api.UniqueName, (EdmAction)operation);
            }
        }

        /// <summary>The Edm type of a custom API field (customapirequestparameter.type), nullable when optional.</summary>
        private static IEdmTypeReference TypeOf(DataverseEdmModel edm, CustomApiField field)
        {
            EdmCoreModel core = EdmCoreModel.Instance;
            bool nullable = field.IsOptional || field.Type is CustomApiFieldType.String or CustomApiFieldType.Entity or CustomApiFieldType.EntityReference;
            return field.Type switch
            {
                CustomApiFieldType.Boolean => core.GetBoolean(nullable),
                CustomApiFieldType.DateTime => core.GetDateTimeOffset(nullable),
                CustomApiFieldType.Decimal or CustomApiFieldType.Money => core.GetDecimal(nullable),
                CustomApiFieldType.Float => core.GetDouble(nullable),
                CustomApiFieldType.Integer or CustomApiFieldType.Picklist => core.GetInt32(nullable),
                CustomApiFieldType.String => core.GetString(nullable),
                CustomApiFieldType.StringArray => EdmCoreModel.GetCollection(core.GetString(isNullable: true)),
                CustomApiFieldType.Guid => core.GetGuid(nullable),
                CustomApiFieldType.Entity or CustomApiFieldType.EntityReference when field.LogicalEntityName is { } table =>
                    new EdmEntityTypeReference(edm.EntityType(table), nullable),
                _ => throw new NotSupportedException(
                    $"Custom API field {field.UniqueName} is of type {field.Type} without a table (logicalentityname), which the Web API here does not serve."),
            };
        }
    }
}
