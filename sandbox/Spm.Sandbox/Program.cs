using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Spm.Dataverse.Persistence;
using Spm.Domain;

namespace Spm.Sandbox
{
    internal static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            Console.OutputEncoding = Encoding.UTF8;
            SandboxArguments arguments;
            try
            {
                arguments = SandboxArguments.Parse(args);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                Console.Error.WriteLine(SandboxArguments.Usage);
                return 1;
            }

            try
            {
                switch (arguments.Command)
                {
                    case SandboxCommand.Help:
                        Console.WriteLine(SandboxArguments.Usage);
                        return 0;
                    case SandboxCommand.Report:
                        ConsoleReport.Print(arguments.Rep);
                        return 0;
                    default:
                        return await HostAsync(arguments).ConfigureAwait(false);
                }
            }
            catch (SpmRuleException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message} (field: {ex.Field})");
                return 2;
            }
            catch (Exception ex) when (ex is OrganizationFileException or SandboxStartException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
        }

        /// <summary>Runs the suite until Ctrl+C (or SIGTERM), then stops it cleanly.</summary>
        private static async Task<int> HostAsync(SandboxArguments arguments)
        {
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });

            SuiteHost suite = await SuiteHost.StartAsync(arguments, line => Console.WriteLine(line), cancellationToken: stop.Token).ConfigureAwait(false);
            try
            {
                StartBanner.Write(Console.Out, suite, SignInList.Read(suite.Org));
                await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                Console.WriteLine("Stopping…");
            }
            finally
            {
                await suite.DisposeAsync().ConfigureAwait(false);
            }

            Console.WriteLine(suite.File == null ? "Stopped." : $"Stopped; the organization is saved in {suite.File.Path}.");
            return 0;
        }
    }
}
