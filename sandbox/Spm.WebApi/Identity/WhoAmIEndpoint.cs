using System.Collections.Generic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OData.Edm;
using Spm.WebApi.Edm;

namespace Spm.WebApi.Identity
{
    /// <summary>GET WhoAmI (or WhoAmI()): the caller's UserId, BusinessUnitId and OrganizationId, as the WhoAmI function returns them.</summary>
    public static class WhoAmIEndpoint
    {
        public const string Name = "WhoAmI";

        public static void AddOperations(DataverseEdmModel edm)
        {
            var response = new EdmComplexType(DataverseEdmModel.Namespace, "WhoAmIResponse");
            response.AddStructuralProperty("BusinessUnitId", EdmPrimitiveTypeKind.Guid, isNullable: false);
            response.AddStructuralProperty("UserId", EdmPrimitiveTypeKind.Guid, isNullable: false);
            response.AddStructuralProperty("OrganizationId", EdmPrimitiveTypeKind.Guid, isNullable: false);
            edm.MutableModel.AddElement(response);
            var function = new EdmFunction(DataverseEdmModel.Namespace, Name, new EdmComplexTypeReference(response, isNullable: false), isBound: false, entitySetPathExpression: null, isComposable: false);
            edm.MutableModel.AddElement(function);
            edm.Container.AddFunctionImport(Name, function);
        }

        public static void Map(RouteGroupBuilder api)
        {
            api.MapGet(Name, Handle);
            api.MapGet(Name + "()", Handle);
        }

        private static IResult Handle(HttpContext context, WebApiServices services)
        {
            Caller caller = context.Caller();
            return Results.Json(new Dictionary<string, object>
            {
                ["@odata.context"] = services.ApiUrl + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse",
                ["BusinessUnitId"] = caller.User.BusinessUnitId,
                ["UserId"] = caller.UserId,
                ["OrganizationId"] = services.Pipeline.Options.OrganizationId,
            }, contentType: "application/json; odata.metadata=minimal");
        }
    }
}
