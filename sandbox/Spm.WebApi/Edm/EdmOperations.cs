namespace Spm.WebApi.Edm
{
    /// <summary>The one place the model's functions and actions come from: each feature adds the operations it serves.</summary>
    internal static class EdmOperations
    {
        public static void AddTo(DataverseEdmModel edm)
        {
            Identity.WhoAmIEndpoint.AddOperations(edm);
            Actions.ActionEndpoints.AddOperations(edm);
        }
    }
}
