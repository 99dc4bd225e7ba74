using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.OpenApi;
using Pos.Contracts.Reports;
using Pos.Grains.Clock;
using Pos.Grains.Journal;
using Pos.Api.Auth;
using Pos.Contracts.Permissions;

namespace Pos.Api.Reports;

/// <summary>/api/v1/reports: the day's figures, computed from the journal.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports/daily", DailyReport).WithTags("Reports").WithName("DailyReport").RequiresPermission(PermissionNames.ReportsRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(503)
            .Describe("The day's report",
                "The figures of a business date (today's by the store clock when none is given), computed from the journal.");
        return app;
    }

    /// <summary>The report of a business date (today's by the store clock when none is given).</summary>
    /// <param name="businessDate">The business date (yyyy-MM-dd); today's by the store clock when left out.</param>
    /// <param name="journal">Where the day's events are read.</param>
    /// <param name="clock">The store clock, for today.</param>
    /// <param name="cancellationToken">Stops the read when the client goes.</param>
    public static async Task<Results<Ok<DailyReport>, ProblemHttpResult>> DailyReport(
        [DataType(DataType.Date)] string? businessDate, IJournalFeed journal, StoreClock clock, CancellationToken cancellationToken)
    {
        var date = clock.Today();
        if (!string.IsNullOrEmpty(businessDate)
            && !DateOnly.TryParseExact(businessDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return Problems.Problems.Invalid("businessDate", "businessDate must be a date like 2026-11-25.");
        }
        var entries = await journal.ReadBusinessDateAsync(date, cancellationToken);
        return TypedResults.Ok(DailyReportBuilder.Build(date, entries));
    }
}
