using System.Diagnostics;
using Pos.Chaos.Checks;
using Pos.Chaos.Faults;
using Pos.Chaos.Load;
using Pos.Chaos.Stack;

namespace Pos.Chaos;

/// <summary>
/// One chaos run: the store started, the devices taking orders, the planned faults injected one after another, then
/// everything healed and quiet (outboxes empty, print queues empty, the cloud caught up), and the checker over the
/// journal, the paper and the cloud. What <c>./pos chaos</c> runs, and the short run of the end-to-end tests.
/// </summary>
public static class ChaosRun
{
    public static async Task<ChaosResult> RunAsync(ChaosOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        void Say(string line)
        {
            lock (output)
            {
                output.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}");
            }
        }

        var plan = FaultPlan.Make(options.Cycles, options.Seed);
        Say($"seed {options.Seed}: {options.Cycles} cycles: " + string.Join(", ", plan.GroupBy(f => f.Kind).Select(g => $"{g.Count()} {FaultNames.Of(g.Key)}"))
            + "; printer faults: " + string.Join(", ", plan.Where(f => f.Printer is not null).GroupBy(f => f.Printer!.Kind).Select(g => $"{g.Count()} {FaultNames.Of(g.Key)}")));
        var log = new CommandLog();
        FaultRunner? runner = null;
        var devices = new List<ChaosDevice>();
        try
        {
            await using var stack = await ChaosStack.StartAsync(options.DataDir, options.ApplianceDll, options.CloudDll, Say, cancellationToken);
            try
            {
                using var admin = stack.AdminClient();
                for (var i = 1; i <= options.Devices; i++)
                {
                    devices.Add(await ChaosDevice.OpenAsync($"till-{i}", stack.Appliance.BaseAddress, admin,
                        Path.Combine(options.DataDir, "devices", $"till-{i}"), log, HashCode.Combine(options.Seed, i), options.PaceMs, cancellationToken));
                }
                Say($"{options.Devices} devices taking orders; the faults begin");
                runner = new FaultRunner(stack, log, Say, options.RecoverWithin);
                using (var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var load = devices.Select(d => Task.Run(() => d.RunAsync(stopLoad.Token), CancellationToken.None)).ToList();
                    try
                    {
                        foreach (var fault in plan)
                        {
                            await runner.RunAsync(fault, cancellationToken);
                        }
                    }
                    finally
                    {
                        await stopLoad.CancelAsync();
                        await Task.WhenAll(load);
                    }
                }

                Say("every fault healed; the devices stopped taking orders: waiting for the store to be quiet");
                await QuiesceAsync(stack, devices, runner, options.RecoverWithin, cancellationToken);

                Say("checking the journal, the paper and the cloud");
                var journal = await StoreJournal.ReadAsync(admin, cancellationToken);
                var sent = log.AllSent;
                var commands = CommandCheck.Check(sent, log.Answers, journal);
                var tickets = stack.Printers.SelectMany((p, i) => p.Tickets.Select(t => new PrintedTicket(ChaosStack.PrinterIds[i], t.Text))).ToList();
                var printing = PrintCheck.Check(sent, journal, tickets);
                using var hq = stack.HqClient();
                var cloud = await CloudCheck.CheckAsync(journal, stack.CloudPostgres.ConnectionString, ChaosStack.StoreId, admin, hq, cancellationToken);
                return new ChaosResult(options, clock.Elapsed, commands, printing, cloud, runner.Recoveries, runner.Notes, null);
            }
            finally
            {
                foreach (var device in devices)
                {
                    await device.DisposeAsync();
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Say($"the run stopped: {e.Message}");
            return new ChaosResult(options, clock.Elapsed, null, null, null, runner?.Recoveries ?? [], runner?.Notes ?? [],
                $"the run stopped before its checks: {e.GetType().Name}: {e.Message} (logs in {Path.Combine(options.DataDir, "logs")})");
        }
    }

    /// <summary>
    /// Quiet: every device's outbox answered, both print queues empty, the cloud holding the whole journal, and the
    /// journal's head not moving (a printer's confirmation lands just after its ticket) over two looks in a row.
    /// </summary>
    private static async Task QuiesceAsync(ChaosStack stack, List<ChaosDevice> devices, FaultRunner runner, TimeSpan within, CancellationToken cancellationToken)
    {
        foreach (var printer in stack.Printers)
        {
            printer.SetMode("online");
        }
        stack.CloudLink.Mode = Pos.Tools.ProxyMode.Pass;
        await runner.EnsureApplianceRunsAsync(cancellationToken);
        foreach (var device in devices)
        {
            await device.DrainAsync(within, cancellationToken);
        }
        using var admin = stack.AdminClient();
        var deadline = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        long? lastHead = null;
        var state = "";
        while (true)
        {
            try
            {
                using var syncAnswer = await admin.GetAsync("/api/v1/sync/status", cancellationToken);
                var sync = await ChaosStack.ReadAsync(syncAnswer, cancellationToken);
                using var printersAnswer = await admin.GetAsync("/api/v1/printers", cancellationToken);
                var printers = await ChaosStack.ReadAsync(printersAnswer, cancellationToken);
                var head = sync.GetProperty("journalHeadSeq").GetInt64();
                var acked = sync.GetProperty("ackedSeq").GetInt64();
                var queued = printers.GetProperty("printers").EnumerateArray().Sum(p => p.GetProperty("queueDepth").GetInt32());
                state = $"journal head {head}, cloud acknowledged {acked}, {queued} ticket(s) queued";
                if (head == acked && queued == 0 && head == lastHead)
                {
                    return;
                }
                lastHead = head;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                state = e.Message;
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The store was not quiet within {within.TotalSeconds:0} s: {state}.");
            }
            await tick.WaitForNextTickAsync(cancellationToken);
        }
    }
}
