using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pos.Bench.Backlog;

/// <summary>The command line of <c>Pos.Bench backlog</c>.</summary>
internal sealed record BacklogOptions
{
    public const string Usage = """
        Pos.Bench backlog: catch-up of a journal backlog from the appliance to the cloud, end to end.

        usage: dotnet Pos.Bench.dll backlog --appliance-dll PATH --cloud-dll PATH --pg CONNSTRING [options]

          --appliance-dll PATH   the built Pos.Appliance.dll
          --cloud-dll PATH       the built Pos.Cloud.dll
          --pg CONNSTRING        a PostgreSQL role that may create databases; the store and the cloud get one each
          --events N             the backlog, in journal events (default 36000: 8 hours of a record peak)
          --clients N            clients taking orders while the cloud is down (default 8)
          --appliance-port N     (default 5083)   --cloud-port N   (default 5191)
          --work DIR             logs and data (default ./bench-backlog)
          --markdown PATH        also write the result as a Markdown table
          -h, --help             show this help

        Exit code 0 when it ran (target met or not), 1 when it could not run, 2 on bad arguments,
        3 when the cloud's copy is not exactly the backlog.
        """;

    public bool Help { get; init; }
    public string ApplianceDll { get; init; } = "";
    public string CloudDll { get; init; } = "";
    public string Pg { get; init; } = "";
    public long Events { get; init; } = 36_000;
    public int Clients { get; init; } = 8;
    public int AppliancePort { get; init; } = 5083;
    public int CloudPort { get; init; } = 5191;
    public string WorkDir { get; init; } = Path.GetFullPath("bench-backlog");
    public string? MarkdownPath { get; init; }

    public static bool TryParse(string[] args, [NotNullWhen(true)] out BacklogOptions? options, out string error)
    {
        options = null;
        if (args.Any(a => a is "-h" or "--help"))
        {
            options = new BacklogOptions { Help = true };
            error = "";
            return true;
        }
        if (!CommandLine.TryFold(args, new BacklogOptions(), new HashSet<string>(), Apply, out var parsed, out error))
        {
            return false;
        }
        if (parsed.ApplianceDll.Length == 0 || parsed.CloudDll.Length == 0 || parsed.Pg.Length == 0)
        {
            error = "--appliance-dll, --cloud-dll and --pg are required";
            return false;
        }
        options = parsed;
        return true;
    }

    private static BacklogOptions? Apply(BacklogOptions options, string name, string value, out string error)
    {
        error = "";
        var inv = CultureInfo.InvariantCulture;
        switch (name)
        {
            case "--appliance-dll" when File.Exists(value):
                return options with { ApplianceDll = value };
            case "--cloud-dll" when File.Exists(value):
                return options with { CloudDll = value };
            case "--pg":
                return options with { Pg = value };
            case "--events" when long.TryParse(value, NumberStyles.None, inv, out var events) && events > 0:
                return options with { Events = events };
            case "--clients" when int.TryParse(value, NumberStyles.None, inv, out var clients) && clients > 0:
                return options with { Clients = clients };
            case "--appliance-port" when int.TryParse(value, NumberStyles.None, inv, out var port) && port is > 0 and < 65536:
                return options with { AppliancePort = port };
            case "--cloud-port" when int.TryParse(value, NumberStyles.None, inv, out var port) && port is > 0 and < 65536:
                return options with { CloudPort = port };
            case "--work":
                return options with { WorkDir = Path.GetFullPath(value) };
            case "--markdown":
                return options with { MarkdownPath = value };
            case "--appliance-dll" or "--cloud-dll":
                error = $"{name}: no such file '{value}'";
                return null;
            case "--events" or "--clients" or "--appliance-port" or "--cloud-port":
                error = $"bad value for {name}: '{value}'";
                return null;
            default:
                error = $"unknown option '{name}'";
                return null;
        }
    }
}
