using System;
using System.Collections.Generic;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>
    /// Where a service endpoint really posts at run time, as an admin sets it after import: the URL and, for HttpHeader
    /// auth, the key/value pairs sent as headers (null keeps the registration's AuthValue).
    /// </summary>
    public sealed record ServiceEndpointTarget(Uri Url)
    {
        public IReadOnlyDictionary<string, string>? Headers { get; init; }
    }
}
