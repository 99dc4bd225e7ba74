using System.Globalization;
using Pos.Cloud.Groups;
using Pos.Cloud.Hosting;
using Pos.Contracts.Cloud;

namespace Pos.Cloud.Reports;

/// <summary>
/// /cloud/v1/reports: headquarters' view of the stores' business dates (HQ admin token). Each report covers every
/// registered store, one store (<c>storeId</c>) or the stores of a group (<c>groupId</c>).
/// </summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var hq = app.MapGroup("/cloud/v1/reports").WithTags("Reports").RequireAuthorization();
        hq.MapGet("/daily", Daily).WithName("HqDailyReport").Produces<HqDailyReport>().AnswersReportProblems();
        hq.MapGet("/z", Z).WithName("HqZReport").Produces<HqZReport>().AnswersReportProblems();
        hq.MapGet("/range", Range).WithName("HqRangeReport").Produces<HqRangeReport>().AnswersReportProblems();
        return app;
    }

    /// <summary>The business date's Z report of every registered store, of <paramref name="storeId"/> alone, or of a group's stores.</summary>
    public static async Task<IResult> Z(
        string? businessDate, string? storeId, string? groupId, CloudDailyReports reports, StoreGroups groups, CancellationToken cancellationToken)
    {
        if (!TryDate(businessDate, out var date))
        {
            return CloudProblems.Invalid("businessDate", "businessDate is required, a date like 2026-11-25.");
        }
        var (stores, problem) = await ScopeAsync(storeId, groupId, groups, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var report = await reports.ZAsync(date, stores, cancellationToken);
        return Unknown(storeId, report.Stores.Count) ?? Results.Ok(report);
    }

    /// <summary>
    /// The business date's report of every registered store, of <paramref name="storeId"/> alone, or of a group's
    /// stores, and the total.
    /// </summary>
    public static async Task<IResult> Daily(
        string? businessDate, string? storeId, string? groupId, CloudDailyReports reports, StoreGroups groups, StoredReportJson json,
        CancellationToken cancellationToken)
    {
        if (!TryDate(businessDate, out var date))
        {
            return CloudProblems.Invalid("businessDate", "businessDate is required, a date like 2026-11-25.");
        }
        var (stores, problem) = await ScopeAsync(storeId, groupId, groups, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        // Each store's report written as stored (StoredReportJson): the all-store answer reads no report into objects.
        var report = await reports.DailyAnswerAsync(date, stores, cancellationToken);
        return Unknown(storeId, report.Stores.Count) ?? Results.Json(report, json.Options);
    }

    /// <summary>
    /// Business dates <paramref name="from"/> to <paramref name="to"/> (both included, at most 92 days: a quarter) of every
    /// registered store, of <paramref name="storeId"/> alone, or of a group's stores: each store's sums and the chain's,
    /// by item, tender and hour.
    /// </summary>
    public static async Task<IResult> Range(
        string? from, string? to, string? storeId, string? groupId, CloudRangeReports reports, StoreGroups groups, CancellationToken cancellationToken)
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
        var (stores, problem) = await ScopeAsync(storeId, groupId, groups, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var report = await reports.RangeAsync(first, last, stores, string.IsNullOrEmpty(groupId) ? null : groupId, cancellationToken);
        return Unknown(storeId, report.Stores.Count) ?? Results.Ok(report);
    }

    /// <summary>A report's problems: a date asked wrongly (400), no such store or group (404), the database away (503).</summary>
    private static RouteHandlerBuilder AnswersReportProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>The stores a report covers: null for every store, one store, or a group's members (possibly none).</summary>
    private static async Task<(IReadOnlyList<string>? Stores, IResult? Problem)> ScopeAsync(
        string? storeId, string? groupId, StoreGroups groups, CancellationToken cancellationToken)
    {
        var hasStore = !string.IsNullOrEmpty(storeId);
        if (string.IsNullOrEmpty(groupId))
        {
            return (hasStore ? [storeId!] : null, null);
        }
        if (hasStore)
        {
            return (null, CloudProblems.Invalid("groupId", "Give storeId or groupId, not both: a report is of one store or of one group."));
        }
        return await groups.StoreIdsAsync(groupId, cancellationToken) is { } members
            ? (members, null)
            : (null, GroupsApi.NotFound(groupId));
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>404 when one store was asked for and the report found it not registered; else null.</summary>
    private static IResult? Unknown(string? storeId, int storesFound) => !string.IsNullOrEmpty(storeId) && storesFound == 0
        ? CloudProblems.Of(404, "store-not-found", "No such store", $"No store '{storeId}' is registered; PUT /cloud/v1/stores/{{storeId}} registers one.")
        : null;
}
