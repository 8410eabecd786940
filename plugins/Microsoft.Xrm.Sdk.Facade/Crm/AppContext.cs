using System.Runtime.Serialization;

namespace Microsoft.Crm.Sdk.Messages
{
    /// <summary>
    /// An app module's context (the official type, in part). SPM does not use it: it is here so that a file importing
    /// Microsoft.Crm.Sdk.Messages sees `AppContext` as ambiguous with System.AppContext, exactly as it does with the real SDK.
    /// </summary>
    public sealed class AppContext : IExtensibleDataObject
    {
        public AppContext()
        {
        }

        public ExtensionDataObject ExtensionData { get; set; }

        public string SitemapId { get; set; }
    }
}
