using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using System.Linq;
using Microsoft.AspNetCore.Connections;
using Microsoft.Xrm.Sdk.Query;
using Spm.Dataverse.Metadata;
using Spm.Dataverse.Persistence;
using Spm.SeedOrg;
using Spm.WebApi;

namespace Spm.Sandbox
{
    /// <summary>
    /// The local suite: the organization (seeded, or loaded from the data file), kept in the data file when there is one,
    /// served by the Web API host. Later issues start the bot and the CRM pages here too, so one start and one stop run
    /// the whole suite.
    /// </summary>
    internal sealed class SuiteHost : IAsyncDisposable
    {
        private SuiteHost(SandboxOrganization org, OrganizationFile? file, WebApiHost web, string origin)
        {
            Org = org;
            File = file;
            Web = web;
            Origin = origin;
        }

        public SandboxOrganization Org { get; }

        public OrganizationFile? File { get; }

        public WebApiHost Web { get; }

        /// <summary>Where the data came from, for the banner ("seeded, in memory", "loaded from …").</summary>
        public string Origin { get; }

        /// <summary>Builds the organization, then starts listening. Progress lines go to <paramref name="progress"/>.</summary>
        public static async Task<SuiteHost> StartAsync(SandboxArguments arguments, Action<string> progress, string? solutionFolder = null, CancellationToken cancellationToken = default)
        {
            EnsurePortFree(arguments.Port);
            var org = SandboxOrganization.Create(solutionFolder, botUrl: arguments.BotUrl);
            OrganizationFile? file = arguments.DataFile == null ? null : OrganizationFile.Open(arguments.DataFile);
            try
            {
                string origin;
                if (file is { IsEmpty: false })
                {
                    progress($"Loading the organization from {file.Path} ({file.RowCount:N0} rows; not seeding)…");
                    file.Attach(org.Store);
                    org.Clock.Run(LastChange(org));
                    origin = $"loaded from {file.Path}; every committed change is saved there";
                }
                else
                {
                    DemoSeed.Seed(org, progress);
                    if (file != null)
                    {
                        file.Attach(org.Store);
                        progress($"Saved the seeded organization to {file.Path}.");
                        origin = $"seeded into {file.Path}; every committed change is saved there";
                    }
                    else
                    {
                        origin = "seeded, in memory (nothing is kept when it stops; --data <file> keeps it)";
                    }
                }

                // The seed's execution records are not needed by anyone and would only grow.
                org.Pipeline.ClearRecords();
                org.History.ClearRecords();
                WebApiHost web = await StartWebAsync(org, arguments.Port, cancellationToken).ConfigureAwait(false);
                return new SuiteHost(org, file, web, origin);
            }
            catch
            {
                file?.Dispose();
                throw;
            }
        }

        /// <summary>When the organization last changed: the latest modifiedon of any row.</summary>
        private static DateTime? LastChange(SandboxOrganization org)
        {
            DateTime? last = null;
            foreach (TableMetadata table in org.Store.Metadata.Tables)
            {
                if (!table.HasColumn("modifiedon"))
                {
                    continue;
                }

                var query = new QueryExpression(table.LogicalName) { ColumnSet = new ColumnSet("modifiedon"), TopCount = 1 };
                query.AddOrder("modifiedon", OrderType.Descending);
                if (org.Platform.RetrieveMultiple(query).Entities.FirstOrDefault()?.GetAttributeValue<DateTime?>("modifiedon") is DateTime modified && (last == null || modified > last))
                {
                    last = modified;
                }
            }

            return last;
        }

        /// <summary>Fails before seeding (seconds of work) when the port is taken; the bind itself is checked again when the host starts.</summary>
        private static void EnsurePortFree(int port)
        {
            if (port == 0)
            {
                return;
            }

            var probe = new TcpListener(IPAddress.Loopback, port);
            try
            {
                probe.Start();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw PortInUse(port, ex);
            }
            finally
            {
                probe.Stop();
            }
        }

        private static SandboxStartException PortInUse(int port, Exception inner) =>
            new SandboxStartException($"Port {port} on 127.0.0.1 is in use (another sandbox host?). Stop it, or pass --port <n> (0 = any free port).", inner);

        private static async Task<WebApiHost> StartWebAsync(SandboxOrganization org, int port, CancellationToken cancellationToken)
        {
            try
            {
                return await WebApiHost.StartAsync(org.Pipeline, org.Store.Metadata, new WebApiHostOptions { Port = port }, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException)
            {
                throw PortInUse(port, ex);
            }
        }

        /// <summary>Lets the asynchronous steps already queued finish (so their rows are saved), then stops listening and closes the file.</summary>
        public async ValueTask DisposeAsync()
        {
            await Task.WhenAny(Web.WaitForAsyncStepsAsync(), Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
            await Web.DisposeAsync().ConfigureAwait(false);
            File?.Dispose();
        }
    }

    /// <summary>The host cannot start for a reason the user can fix; the message says how.</summary>
    internal sealed class SandboxStartException : Exception
    {
        public SandboxStartException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }
}
