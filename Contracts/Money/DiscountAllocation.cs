using Pos.Contracts.Orders;

namespace Pos.Contracts.Money;

/// <summary>
/// How discounts come off an order's lines, the one rounding rule every figure follows (order, check, reports, store
/// and cloud alike). Discounts apply to net amounts (before tax), never below zero:
/// <list type="number">
/// <item>Line discounts first, in the order given: a percent is of what remains of the line's net (after the line's
/// earlier discounts), rounded half away from zero; an amount takes at most what remains; a comp takes all that remains.</item>
/// <item>Then order discounts, in the order given: a percent is of what remains of the order's net (every line not
/// voided, after the line discounts and earlier order discounts), rounded half away from zero; an amount takes at most
/// what remains; a comp all of it. Each is spread over the lines in proportion to what remains of each: every line
/// gets its share rounded down, and the cents left go one each to the lines with the most remaining (the earlier line
/// first when equal), so the parts add up to the discount to the cent.</item>
/// <item>Tax is then computed per line on its discounted net (<see cref="LineTax"/>).</item>
/// </list>
/// Voided lines take no discount: a line discount on a line voided later takes nothing.
/// </summary>
public static class DiscountAllocation
{
    /// <summary>A line as the rule sees it: its net and whether it counts (not voided).</summary>
    public readonly record struct LineNet(Guid LineId, long NetMinor, bool Counts);

    /// <summary>What each line has taken off (by index of the lines given) and what each discount took (by id).</summary>
    public sealed record Result(long[] LineDiscounts, IReadOnlyDictionary<Guid, long> Taken);

    public static Result Allocate(IReadOnlyList<LineNet> lines, IReadOnlyList<DiscountApplied> discounts)
    {
        var remaining = new long[lines.Count];
        var off = new long[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            remaining[i] = lines[i].Counts ? lines[i].NetMinor : 0;
        }
        var taken = new Dictionary<Guid, long>();
        foreach (var d in discounts.Where(d => d.LineId is not null))
        {
            var i = IndexOf(lines, d.LineId!.Value);
            var take = i < 0 ? 0 : Want(d, remaining[i]);
            if (i >= 0)
            {
                remaining[i] -= take;
                off[i] += take;
            }
            taken[d.DiscountId] = take;
        }
        foreach (var d in discounts.Where(d => d.LineId is null))
        {
            var total = remaining.Sum();
            var take = Want(d, total);
            Spread(take, total, remaining, off);
            taken[d.DiscountId] = take;
        }
        return new Result(off, taken);
    }

    /// <summary>What a discount would take from <paramref name="remainingMinor"/>: never more than it.</summary>
    public static long Want(DiscountApplied d, long remainingMinor)
    {
        if (remainingMinor <= 0)
        {
            return 0;
        }
        var want = d.Comp ? remainingMinor
            : d.PercentBp is { } bp ? PercentOf(remainingMinor, bp)
            : d.AmountMinor ?? 0;
        return Math.Clamp(want, 0, remainingMinor);
    }

    /// <summary><paramref name="bp"/> basis points of <paramref name="amountMinor"/>, rounded half away from zero.</summary>
    public static long PercentOf(long amountMinor, int bp)
    {
        var scaled = (Int128)amountMinor * bp;
        var q = scaled / 10_000;
        var r = scaled % 10_000;
        if (Int128.Abs(r) * 2 >= 10_000)
        {
            q += Int128.Sign(scaled);
        }
        return (long)q;
    }

    private static void Spread(long take, long total, long[] remaining, long[] off)
    {
        if (take <= 0)
        {
            return;
        }
        var given = 0L;
        var shares = new long[remaining.Length];
        for (var i = 0; i < remaining.Length; i++)
        {
            shares[i] = (long)((Int128)take * remaining[i] / total);
            given += shares[i];
        }
        // The cents left (fewer than the lines with a fraction) go to the lines with the most remaining, one each.
        var byLargest = Enumerable.Range(0, remaining.Length).Where(i => remaining[i] > 0)
            .OrderByDescending(i => remaining[i]).ThenBy(i => i).ToList();
        for (var k = 0; given < take; k++)
        {
            shares[byLargest[k]]++;
            given++;
        }
        for (var i = 0; i < remaining.Length; i++)
        {
            remaining[i] -= shares[i];
            off[i] += shares[i];
        }
    }

    private static int IndexOf(IReadOnlyList<LineNet> lines, Guid lineId)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].LineId == lineId)
            {
                return lines[i].Counts ? i : -1;
            }
        }
        return -1;
    }
}
