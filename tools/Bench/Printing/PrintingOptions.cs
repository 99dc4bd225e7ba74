using System.CommandLine;

namespace Pos.Bench.Printing;

/// <summary>The options of <c>Pos.Bench printing</c>; the initial values are the defaults the command line shows.</summary>
internal sealed record PrintingOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:5080/");
    public string? Token { get; init; }
    public int Orders { get; init; } = 1000;
    public int Clients { get; init; } = 4;
    public int Warmup { get; init; } = 50;
    public TimeSpan TicketTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public string? MarkdownPath { get; init; }

    /// <summary>The <c>printing</c> subcommand: reads its options and hands them to <paramref name="run"/>.</summary>
    public static Command CreateCommand(Func<string, string?> environment, Func<PrintingOptions, CancellationToken, Task<int>> run)
    {
        var defaults = new PrintingOptions();
        var url = BenchOption.Url("--url", "Appliance base URL", defaults.Url);
        var token = new Option<string>("--token")
        {
            Description = $"Admin bearer token (default: ${BenchOptions.TokenVariable})",
            HelpName = "TOKEN",
        };
        var orders = BenchOption.Number<int>("--orders", "Measured fired orders per side", defaults.Orders, 1, int.MaxValue);
        var clients = BenchOption.Number<int>(
            "--clients", "Concurrent clients, each firing one order at a time", defaults.Clients, 1, int.MaxValue);
        var warmup = BenchOption.Number<int>(
            "--warmup", "Orders fired first on each side and not measured", defaults.Warmup, 0, int.MaxValue);
        var ticketTimeout = BenchOption.Number<int>(
            "--ticket-timeout",
            "Seconds an order's two tickets may take before they count as lost",
            (int)defaults.TicketTimeout.TotalSeconds,
            1,
            int.MaxValue);
        var markdown = BenchOption.Markdown("Also write the results as a Markdown report");

        var command = new Command("printing", """
            Fire-to-ticket latency on the appliance, side by side with the same tickets sent straight to a virtual
            printer over raw TCP. Starts two virtual printers in this process and configures them on the appliance
            as "bench-kitchen" (station kitchen) and "bench-bar" (station bar); replaces the menu with one kitchen
            and one bar item. Run it against a bench appliance only: the two printers stay configured afterwards.
            Exit code 3 when a ticket was lost or printed twice.
            """)
        {
            url, token, orders, clients, warmup, ticketTimeout, markdown,
        };
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(token) ?? environment(BenchOptions.TokenVariable)))
            {
                result.AddError($"--token is required (or set {BenchOptions.TokenVariable})");
            }
        });
        command.SetAction((parsed, cancellationToken) => run(
            new PrintingOptions
            {
                Url = parsed.GetRequiredValue(url),
                Token = parsed.GetValue(token) ?? environment(BenchOptions.TokenVariable),
                Orders = parsed.GetValue(orders),
                Clients = parsed.GetValue(clients),
                Warmup = parsed.GetValue(warmup),
                TicketTimeout = TimeSpan.FromSeconds(parsed.GetValue(ticketTimeout)),
                MarkdownPath = parsed.GetValue(markdown),
            },
            cancellationToken));
        return command;
    }
}
