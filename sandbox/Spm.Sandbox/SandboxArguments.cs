using System;
using System.Globalization;

namespace Spm.Sandbox
{
    /// <summary>What the command line asks for: the local host (default), the console report, or the help text.</summary>
    internal enum SandboxCommand
    {
        Host,
        Report,
        Help,
    }

    /// <summary>The parsed command line; <see cref="Parse"/> names the argument and value it refuses.</summary>
    internal sealed record SandboxArguments(SandboxCommand Command, int Port, string? DataFile, Uri? BotUrl, string? Rep)
    {
        public const int DefaultPort = 5080;

        public const string Usage =
            "spm-sandbox — the SPM suite on one machine: the demo org (Northwind Cloud Inc., Q1 FY2026) in the in-memory\n" +
            "Dataverse with the solution's plug-ins, served over the Dataverse Web API until Ctrl+C.\n" +
            "\n" +
            "usage: dotnet run --project sandbox/Spm.Sandbox [-- options]\n" +
            "       dotnet run --project sandbox/Spm.Sandbox -- report [--rep <name>]\n" +
            "\n" +
            "  --port <n>       the port on 127.0.0.1 (default 5080; 0 = any free port)\n" +
            "  --data <file>    keep the org in this SQLite file: loaded if it exists, else seeded into it; every\n" +
            "                   committed change is saved (default: in memory, fresh from the seed each start)\n" +
            "  --bot-url <url>  where the webhook steps post (the Teams bot's /api/dataverse/events)\n" +
            "  report           print the console report (leaderboard, shout-outs, an explained statement) and exit\n" +
            "  --rep <name>     (report) whose statement to explain (full name or part of it, e.g. \"Noah\"); default: the leader\n" +
            "  --help           show this help";

        public static SandboxArguments Parse(string[] args)
        {
            var command = SandboxCommand.Host;
            int? port = null;
            string? data = null;
            Uri? botUrl = null;
            string? rep = null;
            for (var i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                switch (arg)
                {
                    case "--help":
                    case "-h":
                        return new SandboxArguments(SandboxCommand.Help, DefaultPort, null, null, null);
                    case "report":
                        command = SandboxCommand.Report;
                        break;
                    case "--rep":
                        rep = Value(args, ref i, "a name, e.g. --rep \"Noah Patel\"");
                        break;
                    case "--port":
                        string text = Value(args, ref i, "a port number from 0 to 65535");
                        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > 65535)
                        {
                            throw new ArgumentException($"--port takes a port number from 0 to 65535 (0 = any free port), not '{text}'.");
                        }

                        port = number;
                        break;
                    case "--data":
                        data = Value(args, ref i, "a file name, e.g. --data spm-org.db");
                        break;
                    case "--bot-url":
                        string url = Value(args, ref i, "a URL, e.g. --bot-url http://127.0.0.1:3978/api/dataverse/events");
                        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
                        {
                            throw new ArgumentException($"--bot-url takes an absolute http or https URL, not '{url}'.");
                        }

                        botUrl = parsed;
                        break;
                    default:
                        throw new ArgumentException(arg.StartsWith("-", StringComparison.Ordinal)
                            ? $"unknown option '{arg}'."
                            : $"unknown command '{arg}' (the only command is 'report'; without one the host starts).");
                }
            }

            // --rep alone is the report, as the command line was before the host existed.
            if (rep != null)
            {
                command = SandboxCommand.Report;
            }

            if (command == SandboxCommand.Report && (port != null || data != null || botUrl != null))
            {
                throw new ArgumentException("report prints the console report and exits; --port, --data and --bot-url are for the host.");
            }

            return new SandboxArguments(command, port ?? DefaultPort, data, botUrl, rep);
        }

        private static string Value(string[] args, ref int i, string expected)
        {
            if (i + 1 >= args.Length || string.IsNullOrWhiteSpace(args[i + 1]) || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"{args[i]} needs {expected}.");
            }

            return args[++i];
        }
    }
}
