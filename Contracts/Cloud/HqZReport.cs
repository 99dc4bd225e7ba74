using Pos.Contracts.Reports;

namespace Pos.Contracts.Cloud;

/// <summary>Headquarters' Z reports of a business date (GET /cloud/v1/reports/z): each store's, as its appliance has it.</summary>
public sealed record HqZReport(DateOnly BusinessDate, IReadOnlyList<StoreZReport> Stores);

/// <summary>
/// One store's Z report from the events the cloud holds: <see cref="Report"/> is what the store's appliance answers to
/// GET /api/v1/reports/z for the date once it holds the same events. <see cref="Complete"/> as in the daily report:
/// true only when the store's seal of the date proves the cloud holds every event of it.
/// </summary>
public sealed record StoreZReport(
    string StoreId, string Name, ZReport Report, long SyncedThroughSeq, DateTimeOffset? SyncedAt, bool Complete, string? IncompleteReason);
