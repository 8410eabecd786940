using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse.Pipeline
{
    /// <summary>The plug-in trace log of one step run.</summary>
    internal sealed class TracingService : ITracingService
    {
        private readonly List<string> _lines = new List<string>();

        public IReadOnlyList<string> Lines => _lines;

        public void Trace(string format, params object[] args)
        {
            if (format is null)
            {
                return;
            }

            if (args is null || args.Length == 0)
            {
                _lines.Add(format);
                return;
            }

            try
            {
                _lines.Add(string.Format(CultureInfo.InvariantCulture, format, args));
            }
            catch (FormatException)
            {
                _lines.Add(format + " [" + string.Join(", ", args) + "]");
            }
        }
    }
}
