using System.Globalization;
using Pos.Cloud.Hosting;
using Pos.Contracts.Cloud;

namespace Pos.Cloud.Reports;

/// <summary>/cloud/v1/reports: headquarters' view of the stores' business dates (HQ admin token).</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var hq = app.MapGroup("/cloud/v1/reports").WithTags("Reports").RequireAuthorization();
        hq.MapGet("/daily", Daily).WithName("HqDailyReport").Produces<HqDailyReport>();
        hq.MapGet("/z", Z).WithName("HqZReport").Produces<HqZReport>();
        hq.MapGet("/range", Range).WithName("HqRangeReport").Produces<HqRangeReport>();
        return app;
    }

    /// <summary>The business date's Z report of every registered store, or of <paramref name="storeId"/> alone.</summary>
    public static async Task<IResult> Z(string? businessDate, string? storeId, CloudDailyReports reports, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(businessDate)
            || !DateOnly.TryParseExact(businessDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return CloudProblems.Invalid("businessDate", "businessDate is required, a date like 2026-11-25.");
        }
        var report = await reports.ZAsync(date, string.IsNullOrEmpty(storeId) ? null : storeId, cancellationToken);
        return report is null
            ? CloudProblems.Of(404, "store-not-found", "No such store", $"No store '{storeId}' is registered; PUT /cloud/v1/stores/{{storeId}} registers one.")
            : Results.Ok(report);
    }

    /// <summary>
    /// Business dates <paramref name="from"/> to <paramref name="to"/> (both included, at most a year and a day) of every
    /// registered store, or of <paramref name="storeId"/> alone: each store's sums and the chain's, by item, tender and hour.
    /// </summary>
    public static async Task<IResult> Range(string? from, string? to, string? storeId, CloudRangeReports reports, CancellationToken cancellationToken)
    {
        if (!TryDate(from, out var first))
        {
            return CloudProblems.Invalid("from", "from is required, the first business date of the range, like 2026-11-01.");
        }
        if (!TryDate(to, out var last))
        {
            return CloudProblems.Invalid("to", "to is required, the last business date of the range (included), like 2026-11-30.");
        }
        if (last < first || last.DayNumber - first.DayNumber >= CloudRangeReports.MaxDays)
        {
            return CloudProblems.Invalid("to", $"to must be on or after from, and the range at most {CloudRangeReports.MaxDays} days.");
        }
        var only = string.IsNullOrEmpty(storeId) ? null : storeId;
        var report = await reports.RangeAsync(first, last, only is null ? null : [only], null, cancellationToken);
        return only is not null && report.Stores.Count == 0 ? NoStore(only) : Results.Ok(report);
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static IResult NoStore(string? storeId) =>
        CloudProblems.Of(404, "store-not-found", "No such store", $"No store '{storeId}' is registered; PUT /cloud/v1/stores/{{storeId}} registers one.");

    /// <summary>
    /// The business date's report of every registered store, or of <paramref name="storeId"/> alone, and the total.
    /// </summary>
    public static async Task<IResult> Daily(string? businessDate, string? storeId, CloudDailyReports reports, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(businessDate)
            || !DateOnly.TryParseExact(businessDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return CloudProblems.Invalid("businessDate", "businessDate is required, a date like 2026-11-25.");
        }
        var only = string.IsNullOrEmpty(storeId) ? null : storeId;
        var report = await reports.DailyAsync(date, only, cancellationToken);
        return report is null
            ? CloudProblems.Of(404, "store-not-found", "No such store", $"No store '{storeId}' is registered; PUT /cloud/v1/stores/{{storeId}} registers one.")
            : Results.Ok(report);
    }
}
