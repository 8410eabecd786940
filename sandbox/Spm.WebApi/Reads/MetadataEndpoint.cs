using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

namespace Spm.WebApi.Reads
{
    /// <summary>GET $metadata: the model as CSDL XML (CsdlWriter), written once per host.</summary>
    public static class MetadataEndpoint
    {
        public static void Map(RouteGroupBuilder api)
        {
            api.MapGet("$metadata", (WebApiServices services) => Results.Bytes(Csdl(services), "application/xml; charset=utf-8"));
        }

        private static readonly object Gate = new object();
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WebApiServices, byte[]> Written = new();

        internal static byte[] Csdl(WebApiServices services)
        {
            lock (Gate)
            {
                if (Written.TryGetValue(services, out byte[]? csdl))
                {
                    return csdl;
                }

                using var buffer = new MemoryStream();
                using (XmlWriter xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
                {
                    if (!CsdlWriter.TryWriteCsdl(services.Model.Model, xml, CsdlTarget.OData, out IEnumerable<EdmError> errors))
                    {
                        throw new System.InvalidOperationException("The model cannot be written as CSDL: " + string.Join("; ", errors));
                    }
                }

                csdl = buffer.ToArray();
                Written.Add(services, csdl);
                return csdl;
            }
        }
    }
}
