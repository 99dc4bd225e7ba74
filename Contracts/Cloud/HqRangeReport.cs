namespace Pos.Contracts.Cloud;

/// <summary>
/// GET /cloud/v1/reports/range: business dates <see cref="From"/> to <see cref="To"/> (both included) across stores:
/// each store's figures of the range and the chain's, by item (<see cref="DailyTotal.Items"/>), by tender
/// (<see cref="DailyTotal.Tenders"/>) and by hour of day (<see cref="DailyTotal.ByHour"/>). Money of different currencies
/// is never added: every sum is of one currency, as in <see cref="HqDailyReport"/>.
/// </summary>
/// <param name="From">The first business date of the range.</param>
/// <param name="To">The last business date of the range.</param>
/// <param name="GroupId">The store group asked for, or null for every store (or the one store asked for).</param>
/// <param name="Stores">Each store's figures of the range, in store id order.</param>
/// <param name="Total">Every store added up when they share one currency (or none had orders); null when they differ.</param>
/// <param name="Totals">One sum per currency, in currency order; empty when no store had orders in the range.</param>
public sealed record HqRangeReport(
    DateOnly From, DateOnly To, string? GroupId, IReadOnlyList<StoreRangeReport> Stores, DailyTotal? Total, IReadOnlyList<DailyTotal> Totals);

/// <summary>
/// One store's business dates of a range from what the cloud holds: its sums (one per currency it sold in; normally
/// one), and which dates the cloud cannot yet prove complete (the daily report of such a date says why).
/// </summary>
public sealed record StoreRangeReport
{
    public required string StoreId { get; init; }
    public required string Name { get; init; }

    /// <summary>The store's figures over the range, one sum per currency, in currency order; empty without orders.</summary>
    public required IReadOnlyList<DailyTotal> Totals { get; init; }

    /// <summary>True when every date of the range is proven complete by the store's seal of it.</summary>
    public required bool Complete { get; init; }

    /// <summary>The dates of the range not proven complete, in date order.</summary>
    public required IReadOnlyList<DateOnly> IncompleteDates { get; init; }

    /// <summary>The cloud holds the store's journal through this seq (the acknowledged checkpoint).</summary>
    public required long SyncedThroughSeq { get; init; }

    /// <summary>When the cloud last stored events of the store.</summary>
    public required DateTimeOffset? SyncedAt { get; init; }
}
