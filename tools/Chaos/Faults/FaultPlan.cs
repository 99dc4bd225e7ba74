namespace Pos.Chaos.Faults;

/// <summary>
/// One cycle of a run: <see cref="Before"/> of load, then the fault <see cref="Kind"/> on <see cref="Target"/> (which
/// silo) lasting <see cref="Outage"/>; with <see cref="Printer"/>, a printer fault at the same time.
/// </summary>
public sealed record PlannedFault(int Cycle, FaultKind Kind, TimeSpan Before, TimeSpan Outage, int Target, PlannedPrinterFault? Printer);

/// <summary>A printer fault laid over a cycle: on printer <see cref="Printer"/> (0 kitchen, 1 bar), for <see cref="Outage"/>.</summary>
public sealed record PlannedPrinterFault(FaultKind Kind, int Printer, TimeSpan Outage);

/// <summary>
/// The faults of a run, drawn from its seed alone (pure: the same seed and cycles give the same plan). The cycles mix
/// the five store faults in the proportions of the long run (200 appliance kills, 50 PostgreSQL restarts, 20 power
/// cuts, 20 silo kills, 20 cloud partitions: 310 cycles), each kind at least once from 5 cycles on; a printer fault
/// (offline, out of paper, dropping mid-ticket, in turn) rides on every third cycle, and on at least three.
/// </summary>
public static class FaultPlan
{
    /// <summary>The long run's proportions.</summary>
    public static readonly IReadOnlyList<(FaultKind Kind, int Weight)> Proportions =
    [
        (FaultKind.ApplianceKill, 200),
        (FaultKind.PostgresRestart, 50),
        (FaultKind.PowerCut, 20),
        (FaultKind.SiloKill, 20),
        (FaultKind.CloudPartition, 20),
    ];

    private static readonly FaultKind[] PrinterKinds = [FaultKind.PrinterOffline, FaultKind.PrinterPaperOut, FaultKind.PrinterDrop];

    public static IReadOnlyList<PlannedFault> Make(int cycles, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cycles);
        var random = new Random(seed);
        var kinds = Shuffle(random, [.. Counts(cycles).SelectMany(c => Enumerable.Repeat(c.Kind, c.Count))]);
        var printerCycles = Math.Min(cycles, Math.Max(3, (cycles + 2) / 3));
        var withPrinter = Shuffle(random, [.. Enumerable.Range(0, cycles)]).Take(printerCycles).Order().ToList();
        var firstPrinterKind = random.Next(PrinterKinds.Length);
        var plan = new List<PlannedFault>(cycles);
        for (var i = 0; i < cycles; i++)
        {
            var kind = kinds[i];
            var before = Between(random, 300, 1500);
            var outage = kind switch
            {
                FaultKind.ApplianceKill => Between(random, 0, 1000),
                FaultKind.PostgresRestart => Between(random, 300, 3000),
                FaultKind.PowerCut => Between(random, 500, 3000),
                FaultKind.SiloKill => Between(random, 500, 3000),
                _ => Between(random, 1000, 6000),
            };
            var target = random.Next(2);
            PlannedPrinterFault? printer = null;
            var index = withPrinter.IndexOf(i);
            if (index >= 0)
            {
                var printerKind = PrinterKinds[(firstPrinterKind + index) % PrinterKinds.Length];
                printer = new PlannedPrinterFault(printerKind, random.Next(2), printerKind == FaultKind.PrinterDrop ? TimeSpan.Zero : Between(random, 500, 4000));
            }
            plan.Add(new PlannedFault(i + 1, kind, before, outage, target, printer));
        }
        return plan;
    }

    /// <summary>How many of each store fault <paramref name="cycles"/> cycles hold: largest remainders, each kind once from 5 on.</summary>
    public static IReadOnlyList<(FaultKind Kind, int Count)> Counts(int cycles)
    {
        var total = Proportions.Sum(p => p.Weight);
        var counts = Proportions.Select(p => (p.Kind, Count: cycles * p.Weight / total, Remainder: cycles * p.Weight % total)).ToList();
        var left = cycles - counts.Sum(c => c.Count);
        foreach (var index in counts.Select((c, i) => (c.Remainder, i)).OrderByDescending(x => x.Remainder).ThenBy(x => x.i).Take(left).Select(x => x.i).ToList())
        {
            counts[index] = counts[index] with { Count = counts[index].Count + 1 };
        }
        if (cycles >= Proportions.Count)
        {
            for (var i = 1; i < counts.Count; i++)
            {
                if (counts[i].Count == 0)
                {
                    // Taken from the most numerous kind, the appliance kills.
                    counts[i] = counts[i] with { Count = 1 };
                    counts[0] = counts[0] with { Count = counts[0].Count - 1 };
                }
            }
        }
        return [.. counts.Select(c => (c.Kind, c.Count))];
    }

    private static TimeSpan Between(Random random, int fromMs, int toMs) => TimeSpan.FromMilliseconds(random.Next(fromMs, toMs + 1));

    private static List<T> Shuffle<T>(Random random, List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }
}
