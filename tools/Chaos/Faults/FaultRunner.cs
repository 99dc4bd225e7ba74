using System.Diagnostics;
using Pos.Chaos.Load;
using Pos.Chaos.Stack;

namespace Pos.Chaos.Faults;

/// <summary>
/// Injects the planned faults for real, one cycle after the other, and measures how long the store takes to recover
/// from each: from the moment the fault ends (the restart issued, PostgreSQL started again, the link back, the printer
/// back) to the first command acknowledged again, or for the cloud's faults to the cloud's next acknowledged batch, or
/// for a printer's to its next ticket on paper. Each wait has a deadline; a store that does not recover stops the run.
/// </summary>
public sealed class FaultRunner(ChaosStack stack, CommandLog log, Action<string> say, TimeSpan recoverWithin)
{
    private static readonly TimeSpan Probe = TimeSpan.FromMilliseconds(50);

    /// <summary>Each kind's recovery times, in the order they happened.</summary>
    public Dictionary<FaultKind, List<TimeSpan>> Recoveries { get; } = [];

    /// <summary>Things seen that are not losses but need a person's look (the appliance stopping by itself...).</summary>
    public List<string> Notes { get; } = [];

    public async Task RunAsync(PlannedFault fault, CancellationToken cancellationToken)
    {
        // Load before the fault: the devices take orders meanwhile.
        await Task.Delay(fault.Before, cancellationToken);
        say($"cycle {fault.Cycle}: {FaultNames.Of(fault.Kind)}" + (fault.Kind is FaultKind.SiloKill ? $" (silo {fault.Target + 1})" : "")
            + $", {fault.Outage.TotalSeconds:0.0} s" + (fault.Printer is { } p ? $"; meanwhile {FaultNames.Of(p.Kind)} on {ChaosStack.PrinterIds[p.Printer]}" : ""));
        var from = log.AnswerCount;
        // A printer fault, when the cycle has one, happens meanwhile: printers fail while the rest of the store does too.
        var printerFault = fault.Printer is { } printer ? RunPrinterAsync(printer, cancellationToken) : Task.CompletedTask;
        switch (fault.Kind)
        {
            case FaultKind.ApplianceKill:
                await stack.Appliance.KillAsync();
                await Task.Delay(fault.Outage, cancellationToken);
                await RecoverCommandsAsync(fault.Kind, from, stack.Appliance.StartAsync, cancellationToken);
                break;
            case FaultKind.PostgresRestart:
                await stack.StorePostgres.CrashAsync();
                await Task.Delay(fault.Outage, cancellationToken);
                await RecoverCommandsAsync(fault.Kind, from, _ => stack.StorePostgres.StartAgainAsync(), cancellationToken);
                break;
            case FaultKind.PowerCut:
                await Task.WhenAll(stack.Appliance.KillAsync(), stack.StorePostgres.CrashAsync());
                await Task.Delay(fault.Outage, cancellationToken);
                await RecoverCommandsAsync(fault.Kind, from, async token =>
                {
                    await stack.StorePostgres.StartAgainAsync();
                    await stack.Appliance.StartAsync(token);
                }, cancellationToken);
                break;
            case FaultKind.SiloKill:
                var silo = stack.Silos[fault.Target];
                await silo.KillAsync();
                await Task.Delay(fault.Outage, cancellationToken);
                await RecoverSyncAsync(fault.Kind, silo.StartAsync, cancellationToken);
                break;
            case FaultKind.CloudPartition:
                stack.CloudLink.Mode = Pos.Tools.ProxyMode.Refuse;
                await Task.Delay(fault.Outage, cancellationToken);
                await RecoverSyncAsync(fault.Kind, _ =>
                {
                    stack.CloudLink.Mode = Pos.Tools.ProxyMode.Pass;
                    return Task.CompletedTask;
                }, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"{fault.Kind} is a printer fault, not a cycle's.");
        }
        await EnsureApplianceRunsAsync(cancellationToken);
        await printerFault;
    }

    /// <summary>The appliance is not meant to stop by itself under any fault: if it did, that is noted and it is started again.</summary>
    public async Task EnsureApplianceRunsAsync(CancellationToken cancellationToken)
    {
        if (!stack.Appliance.Running)
        {
            Notes.Add($"the appliance had stopped by itself (see {stack.Dir}/logs); started again");
            say(Notes[^1]);
            await stack.Appliance.StartAsync(cancellationToken);
        }
    }

    private async Task RecoverCommandsAsync(FaultKind kind, int from, Func<CancellationToken, Task> heal, CancellationToken cancellationToken)
    {
        var end = Stopwatch.GetTimestamp();
        await heal(cancellationToken);
        var at = await UntilAsync(() => log.FirstAcknowledgedAfter(from, end), $"a command acknowledged after the {FaultNames.Of(kind)}", cancellationToken);
        Keep(kind, end, at);
    }

    private async Task RecoverSyncAsync(FaultKind kind, Func<CancellationToken, Task> heal, CancellationToken cancellationToken)
    {
        using var admin = stack.AdminClient();
        var before = await UntilAsync(async () => (long?)await AckedSeqAsync(admin, cancellationToken), "the sync status", cancellationToken);
        var end = Stopwatch.GetTimestamp();
        // Watched while it heals: with one silo down the other may take the batches before the first is back.
        var healing = heal(cancellationToken);
        var at = await UntilAsync(async () => await AckedSeqAsync(admin, cancellationToken) > before ? Stopwatch.GetTimestamp() : (long?)null,
            $"the cloud acknowledging a batch after the {FaultNames.Of(kind)}", cancellationToken);
        await healing;
        Keep(kind, end, at);
    }

    private async Task RunPrinterAsync(PlannedPrinterFault fault, CancellationToken cancellationToken)
    {
        var printer = stack.Printers[fault.Printer];
        long end;
        if (fault.Kind == FaultKind.PrinterDrop)
        {
            printer.SetMode("drop-next");
            end = Stopwatch.GetTimestamp();
        }
        else
        {
            printer.SetMode(fault.Kind == FaultKind.PrinterOffline ? "offline" : "paper-out");
            await Task.Delay(fault.Outage, cancellationToken);
            end = Stopwatch.GetTimestamp();
            printer.SetMode("online");
        }
        var at = await UntilAsync(
            () => printer.Tickets.Where(t => t.ReceivedAt >= end).Select(t => (long?)t.ReceivedAt).Min(),
            $"a ticket on {ChaosStack.PrinterIds[fault.Printer]} after the {FaultNames.Of(fault.Kind)}", cancellationToken);
        Keep(fault.Kind, end, at);
    }

    private static async Task<long> AckedSeqAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        using var answer = await admin.GetAsync("/api/v1/sync/status", cancellationToken);
        return (await ChaosStack.ReadAsync(answer, cancellationToken)).GetProperty("ackedSeq").GetInt64();
    }

    private void Keep(FaultKind kind, long end, long at)
    {
        lock (Recoveries)
        {
            if (!Recoveries.TryGetValue(kind, out var times))
            {
                Recoveries[kind] = times = [];
            }
            times.Add(Stopwatch.GetElapsedTime(end, Math.Max(end, at)));
        }
    }

    private Task<long> UntilAsync(Func<long?> probe, string what, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(probe()), what, cancellationToken);

    private async Task<long> UntilAsync(Func<Task<long?>> probe, string what, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(recoverWithin.TotalSeconds * Stopwatch.Frequency);
        using var tick = new PeriodicTimer(Probe);
        while (true)
        {
            try
            {
                if (await probe() is { } at)
                {
                    return at;
                }
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The appliance is not answering yet, or not with a 2xx.
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"No {what} within {recoverWithin.TotalSeconds:0} s: the store did not recover.");
            }
            await tick.WaitForNextTickAsync(cancellationToken);
        }
    }
}
