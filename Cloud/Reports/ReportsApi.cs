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
