namespace Spm.Sandbox.Tests;

[TestClass]
public sealed class SandboxArgumentsTests
{
    [TestMethod]
    [DataRow("", "Host", 5080, null, null, null)]
    [DataRow("--port 0", "Host", 0, null, null, null)]
    [DataRow("--port 5081 --data spm-org.db", "Host", 5081, "spm-org.db", null, null)]
    [DataRow("--bot-url http://127.0.0.1:3978/api/dataverse/events", "Host", 5080, null, "http://127.0.0.1:3978/api/dataverse/events", null)]
    [DataRow("report", "Report", 5080, null, null, null)]
    [DataRow("report --rep Noah", "Report", 5080, null, null, "Noah")]
    [DataRow("--rep Noah", "Report", 5080, null, null, "Noah")]
    [DataRow("--help", "Help", 5080, null, null, null)]
    [DataRow("--port 0 -h", "Help", 5080, null, null, null)]
    public void A_command_line_asks_for_the_host_the_report_or_help(string line, string command, int port, string? data, string? botUrl, string? rep)
    {
        SandboxArguments parsed = SandboxArguments.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.AreEqual(command, parsed.Command.ToString());
        Assert.AreEqual(port, parsed.Port);
        Assert.AreEqual(data, parsed.DataFile);
        Assert.AreEqual(botUrl, parsed.BotUrl?.ToString());
        Assert.AreEqual(rep, parsed.Rep);
    }

    [TestMethod]
    [DataRow("--port abc", "--port takes a port number from 0 to 65535 (0 = any free port), not 'abc'.")]
    [DataRow("--port 70000", "--port takes a port number from 0 to 65535 (0 = any free port), not '70000'.")]
    [DataRow("--port -1", "--port takes a port number from 0 to 65535 (0 = any free port), not '-1'.")]
    [DataRow("--port", "--port needs a port number from 0 to 65535.")]
    [DataRow("--data --port 0", "--data needs a file name, e.g. --data spm-org.db.")]
    [DataRow("--bot-url ftp://bot.example/events", "--bot-url takes an absolute http or https URL, not 'ftp://bot.example/events'.")]
    [DataRow("--bot-url /api/dataverse/events", "--bot-url takes an absolute http or https URL, not '/api/dataverse/events'.")]
    [DataRow("serve", "unknown command 'serve' (the only command is 'report'; without one the host starts).")]
    [DataRow("--verbose", "unknown option '--verbose'.")]
    [DataRow("report --port 5080", "report prints the console report and exits; --port, --data and --bot-url are for the host.")]
    [DataRow("--rep Noah --data spm-org.db", "report prints the console report and exits; --port, --data and --bot-url are for the host.")]
    public void A_bad_command_line_is_refused_naming_the_argument_and_value(string line, string message)
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => SandboxArguments.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

        Assert.AreEqual(message, error.Message);
    }
}
