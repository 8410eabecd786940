using Microsoft.AspNetCore.Routing;
using Spm.WebApi.Edm;

namespace Spm.WebApi.Actions
{
    /// <summary>Functions and actions (WinOpportunity, LoseOpportunity, custom APIs): issue11-webapi-write fills this in.</summary>
    public static class ActionEndpoints
    {
        /// <summary>Adds the functions and actions this feature serves to the model (so ODataUriParser and $metadata know them).</summary>
        public static void AddOperations(DataverseEdmModel edm)
        {
        }

        public static void Map(RouteGroupBuilder api)
        {
        }
    }
}
