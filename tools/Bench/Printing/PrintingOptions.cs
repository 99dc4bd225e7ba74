using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pos.Bench.Printing;

/// <summary>The command line of <c>Pos.Bench printing</c>, parsed by hand like the orders command's.</summary>
internal sealed record PrintingOptions
{
    public const string Usage = """
        Pos.Bench printing: fire-to-ticket latency on the appliance, side by side with the same tickets sent
        straight to a virtual printer over raw TCP.

        usage: dotnet Pos.Bench.dll printing [options]

          --url URL              appliance base URL (default http://127.0.0.1:5080)
          --token TOKEN          admin bearer token (default: $POS_ADMIN_TOKEN)
          --orders N             measured fired orders per side (default 1000)
          --clients N            concurrent clients (default 4), each firing one order at a time
          --warmup N             orders fired first on each side and not measured (default 50)
          --ticket-timeout S     seconds an order's two tickets may take before they count as lost (default 10)
          --markdown PATH        also write the results as a Markdown report
          -h, --help             show this help

        Starts two virtual printers in this process and configures them on the appliance as "bench-kitchen"
        (station kitchen) and "bench-bar" (station bar); replaces the menu with one kitchen and one bar item.
        Run it against a bench appliance only: the two printers stay configured after the command ends.

        Exit code 0 when the benchmark ran (target met or not), 1 when it could not run, 2 on bad arguments,
        3 when a ticket was lost or printed twice.
        """;

    public bool Help { get; init; }
    public Uri Url { get; init; } = new("http://127.0.0.1:5080/");
    public string? Token { get; init; } = Environment.GetEnvironmentVariable("POS_ADMIN_TOKEN");
    public int Orders { get; init; } = 1000;
    public int Clients { get; init; } = 4;
    public int Warmup { get; init; } = 50;
    public TimeSpan TicketTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public string? MarkdownPath { get; init; }

    public static bool TryParse(string[] args, [NotNullWhen(true)] out PrintingOptions? options, out string error)
    {
        options = null;
        error = "";
        if (args.Any(a => a is "-h" or "--help"))
        {
            options = new PrintingOptions { Help = true };
            return true;
        }

        if (args.Length == 0 || args[0] != "printing")
        {
            error = "missing subcommand 'printing'";
            return false;
        }

        if (!CommandLine.TryFold(args, new PrintingOptions(), new HashSet<string>(), Apply, out var parsed, out error))
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(parsed.Token))
        {
            error = "--token is required (or set POS_ADMIN_TOKEN)";
            return false;
        }

        if (parsed.Url.Scheme is not ("http" or "https"))
        {
            error = "--url must be http or https";
            return false;
        }

        options = parsed;
        return true;
    }

    private static PrintingOptions? Apply(PrintingOptions options, string name, string value, out string error)
    {
        error = "";
        var inv = CultureInfo.InvariantCulture;
        switch (name)
        {
            case "--url" when Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var url):
                return options with { Url = url };
            case "--token":
                return options with { Token = value };
            case "--orders" when int.TryParse(value, NumberStyles.None, inv, out var orders) && orders > 0:
                return options with { Orders = orders };
            case "--clients" when int.TryParse(value, NumberStyles.None, inv, out var clients) && clients > 0:
                return options with { Clients = clients };
            case "--warmup" when int.TryParse(value, NumberStyles.None, inv, out var warmup):
                return options with { Warmup = warmup };
            case "--ticket-timeout" when int.TryParse(value, NumberStyles.None, inv, out var seconds) && seconds > 0:
                return options with { TicketTimeout = TimeSpan.FromSeconds(seconds) };
            case "--markdown":
                return options with { MarkdownPath = value };
            case "--url" or "--orders" or "--clients" or "--warmup" or "--ticket-timeout":
                error = $"bad value for {name}: '{value}'";
                return null;
            default:
                error = $"unknown option '{name}'";
                return null;
        }
    }
}
