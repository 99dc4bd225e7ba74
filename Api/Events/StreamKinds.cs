using Pos.Contracts.Orders;
using Pos.Contracts.Reports;
using Pos.Contracts.Staff;
using Pos.Grains.Menu;
using Pos.Grains.Printing;

namespace Pos.Api.Events;

/// <summary>
/// The kinds of journal stream a reader of <c>GET /api/v1/events</c> may choose with <c>streams=</c>, and the stream ids
/// each one covers: <c>order</c> (every <c>order-{orderId}</c>), <c>printing</c> (every <c>printjob-{jobId}</c> and the
/// <c>printers</c> stream), <c>menu</c> (the menu and the items' availability), <c>business-day</c> (the day seals), <c>staff</c> (employees, sessions, refused PINs). The one place that knows how stream ids are
/// built for this purpose: a new kind of stream is added here.
/// </summary>
public static class StreamKinds
{
    private static readonly Dictionary<string, (string[] Prefixes, string[] Exact)> Kinds = new(StringComparer.Ordinal)
    {
        ["order"] = ([OrderEvents.StreamPrefix], []),
        ["printing"] = ([PrintingEvents.JobStreamPrefix], [PrintingEvents.PrintersStream]),
        ["menu"] = ([], [MenuGrain.StreamId, Pos.Contracts.Menu.AvailabilityEvents.StreamId]),
        ["business-day"] = ([], [BusinessDaySealed.StreamId]),
        ["staff"] = ([StaffEvents.EmployeeStreamPrefix, StaffEvents.SessionStreamPrefix, StaffEvents.PinRefusalStreamPrefix], []),
    };

    /// <summary>Every kind, in the order the document lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Kinds.Keys];

    /// <summary>Whether <paramref name="kind"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string kind) => Kinds.ContainsKey(kind);

    /// <summary>Whether the stream <paramref name="streamId"/> is of one of <paramref name="kinds"/> (all of them when null).</summary>
    public static bool Covers(IReadOnlySet<string>? kinds, string streamId)
    {
        if (kinds is null)
        {
            return true;
        }
        foreach (var kind in kinds)
        {
            var (prefixes, exact) = Kinds[kind];
            if (exact.Contains(streamId, StringComparer.Ordinal) || prefixes.Any(p => streamId.StartsWith(p, StringComparison.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }
}
