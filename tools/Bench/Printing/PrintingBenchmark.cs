using System.Globalization;
using System.Net.Sockets;
using Pos.Bench.Orders;
using Pos.VirtualPrinter;

namespace Pos.Bench.Printing;

/// <summary>
/// Fire-to-ticket latency: the appliance printing to two virtual printers, then the same tickets written straight
/// to two other virtual printers over raw TCP, then the table.
/// </summary>
internal static class PrintingBenchmark
{
    public const int CorrectnessFailure = 3;

    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(PrintingOptions options, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.Now;
        var (appliance, printers, applianceWarmupLost, error) = await RunApplianceAsync(options, cancellationToken);
        if (error is not null)
        {
            return Fail(error);
        }

        FireResult baseline;
        long baselineWarmupLost;
        try
        {
            (baseline, baselineWarmupLost) = await RunBaselineAsync(options, cancellationToken);
        }
        catch (SocketException e)
        {
            return Fail($"the baseline could not connect to its own virtual printers: {e.Message}");
        }

        var run = new PrintingRun(options, startedAt, appliance!, baseline, printers, applianceWarmupLost + baselineWarmupLost);
        PrintingReport.PrintTable(run);
        if (options.MarkdownPath is { } path)
        {
            await File.WriteAllTextAsync(path, PrintingReport.Markdown(run), cancellationToken);
            Console.WriteLine($"Markdown report written to {Path.GetFullPath(path)}");
        }

        return run.Correct ? 0 : CorrectnessFailure;
    }

    private static async Task<(FireResult? Result, IReadOnlyList<PrinterHealth> Printers, long WarmupLost, string? Error)> RunApplianceAsync(
        PrintingOptions options, CancellationToken cancellationToken)
    {
        await using var kitchen = VirtualPrinterHost.Start(ApplianceFire.KitchenPrinterId);
        await using var bar = VirtualPrinterHost.Start(ApplianceFire.BarPrinterId);
        var tracker = new TicketTracker();
        tracker.Watch(kitchen, Station.Kitchen);
        tracker.Watch(bar, Station.Bar);
        using var admin = OrderLoad.CreateClient(options.Url, options.Token!);

        Console.WriteLine($"Virtual printers: kitchen on 127.0.0.1:{kitchen.Port}, bar on 127.0.0.1:{bar.Port}");
        Console.WriteLine($"Configuring {ApplianceFire.KitchenPrinterId} and {ApplianceFire.BarPrinterId} and the menu on {options.Url} ...");
        if (await ApplianceFire.SetUpAsync(admin, kitchen.Port, bar.Port, cancellationToken) is { } setUpError)
        {
            return (null, [], 0, $"{setUpError}. Is the appliance running (./pos run) and is --token its admin token?");
        }

        Console.WriteLine($"[appliance] {options.Warmup} warm-up orders, then {options.Orders} measured, {options.Clients} clients ...");
        var warmup = new FireRecorder();
        await ApplianceFire.RunAsync(options.Url, options.Token!, options.Clients, options.Warmup, tracker, warmup, options.TicketTimeout, cancellationToken);
        var warmedUp = Warn("appliance", warmup.Result("warm-up", tracker, appliance: true));

        var measured = new FireRecorder();
        await ApplianceFire.RunAsync(options.Url, options.Token!, options.Clients, options.Orders, tracker, measured, options.TicketTimeout, cancellationToken);
        var printers = await ApplianceFire.SettleAsync(admin, SettleLimit, cancellationToken);
        var result = measured.Result("appliance", tracker, appliance: true);
        Console.WriteLine(Summary(result));
        return (result, printers, warmedUp.Missing, null);
    }

    private static async Task<(FireResult Result, long WarmupLost)> RunBaselineAsync(PrintingOptions options, CancellationToken cancellationToken)
    {
        await using var kitchen = VirtualPrinterHost.Start("baseline-kitchen");
        await using var bar = VirtualPrinterHost.Start("baseline-bar");
        var tracker = new TicketTracker();
        tracker.Watch(kitchen, Station.Kitchen);
        tracker.Watch(bar, Station.Bar);

        Console.WriteLine($"[baseline] raw TCP to 127.0.0.1:{kitchen.Port} and :{bar.Port}: {options.Warmup} warm-up orders, then {options.Orders} measured ...");
        var warmup = new FireRecorder();
        await RawTcpBaseline.RunAsync(kitchen.Port, bar.Port, options.Clients, 1, options.Warmup, tracker, warmup, options.TicketTimeout, cancellationToken);
        var warmedUp = Warn("baseline", warmup.Result("warm-up", tracker, appliance: false));

        var measured = new FireRecorder();
        await RawTcpBaseline.RunAsync(kitchen.Port, bar.Port, options.Clients, options.Warmup + 1, options.Orders, tracker, measured, options.TicketTimeout, cancellationToken);
        var result = measured.Result("baseline (raw TCP)", tracker, appliance: false);
        Console.WriteLine(Summary(result));
        return (result, warmedUp.Missing);
    }

    // A ticket lost during the warm-up is as wrong as one lost later; it is counted in the exit code and the report.
    private static FireResult Warn(string side, FireResult warmup)
    {
        if (warmup.Missing + warmup.FailedRequests > 0)
        {
            Console.WriteLine($"[{side}] WARNING: the warm-up lost tickets of {warmup.Missing} order(s) and had {warmup.FailedRequests} failed request(s): "
                + string.Join("; ", warmup.Problems));
        }

        return warmup;
    }

    private static string Summary(FireResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{r.Side}] {r.Latency.Count} orders, {r.TicketsPerSecond:F0} tickets/s, p50 {r.Latency.P50Ms:F2} ms, p99 {r.Latency.P99Ms:F2} ms, {r.Errors} errors");

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
