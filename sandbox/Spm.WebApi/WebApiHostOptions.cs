using System;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Spm.WebApi
{
    /// <summary>How a <see cref="WebApiHost"/> listens.</summary>
    public sealed class WebApiHostOptions
    {
        /// <summary>The TCP port; 0 takes a free one (tests). The local suite's default is 5080.</summary>
        public int Port { get; init; }

        /// <summary>The address Kestrel binds: loopback only, so nothing outside the machine reaches the organization.</summary>
        public IPAddress Address { get; init; } = IPAddress.Loopback;

        /// <summary>The largest request body accepted; a larger one is refused with 413.</summary>
        public long MaxRequestBodySize { get; init; } = 16 * 1024 * 1024;

        /// <summary>Logging providers (none when null: tests and the console stay quiet).</summary>
        public Action<ILoggingBuilder>? Logging { get; init; }

        /// <summary>The clock of token lifetimes (UTC).</summary>
        public Func<DateTime>? UtcNow { get; init; }

        /// <summary>More endpoints beside the Web API (the local suite's pages and bot), mapped after it.</summary>
        public Action<WebApplication>? MapMore { get; init; }
    }
}
