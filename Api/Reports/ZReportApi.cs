using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.OpenApi;
using Pos.Contracts.Cash;
using Pos.Contracts.Permissions;
using Pos.Contracts.Problems;
using Pos.Contracts.Reports;
using Pos.Grains.Cash;
using Pos.Grains.Clock;
using Pos.Grains.Journal;
using Pos.Grains.Printing;
using Pos.Grains.Printing.Documents;

namespace Pos.Api.Reports;

/// <summary>/api/v1/reports/z: the end of a business date, read or printed on a receipt printer.</summary>
public static class ZReportApi
{
    public const string Reason = "z-report";

    public static IEndpointRouteBuilder MapZReportApi(this IEndpointRouteBuilder app)
    {
        var z = app.MapGroup("/api/v1/reports/z").WithTags("Reports").RequiresPermission(PermissionNames.ReportsRead)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        z.MapGet("/", Read).WithName("ZReport")
            .Describe("The Z report",
                "The end of a business date (today's by the store clock when none is given): sales by employee, tender and hour, voids, comps, " +
                "discounts, refunds, no-sale openings, unassigned cash and each drawer session's count and over/short. The cloud's is the same.");
        z.MapPost("/print", Print).WithName("PrintZReport").HonoursIdempotencyKey()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .Describe("Print the Z report",
                "On printerId, or on the receipt printer of the first drawer: a print job (journaled) that prints the report as text. 202 with the job.");
        return app;
    }

    /// <summary>The Z report of a business date.</summary>
    /// <param name="businessDate">The business date (yyyy-MM-dd); today's by the store clock when left out.</param>
    /// <param name="journal">Where the day's events are read.</param>
    /// <param name="clock">The store clock, for today.</param>
    /// <param name="cancellationToken">Stops the read when the client goes.</param>
    public static async Task<Results<Ok<ZReport>, ProblemHttpResult>> Read(
        [DataType(DataType.Date)] string? businessDate, IJournalFeed journal, StoreClock clock, CancellationToken cancellationToken)
    {
        if (DateOf(businessDate, clock, out var date) is { } invalid)
        {
            return invalid;
        }
        return TypedResults.Ok(ZReportBuilder.Build(date, await journal.ReadBusinessDateAsync(date, cancellationToken)));
    }

    /// <summary>Prints the Z report of a business date.</summary>
    /// <param name="body">The date and, if not the drawers' receipt printer, the printer.</param>
    /// <param name="http">The request: who prints it.</param>
    /// <param name="journal">Where the day's events are read.</param>
    /// <param name="clock">The store clock.</param>
    /// <param name="printers">The printers in force.</param>
    /// <param name="grains">The drawers and the printing grains.</param>
    /// <param name="cancellationToken">Stops the read when the client goes.</param>
    public static async Task<Results<Accepted<PrintJobAccepted>, ProblemHttpResult>> Print(
        PrintZReportRequest? body, HttpContext http, IJournalFeed journal, StoreClock clock, PrinterCatalog printers, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(body?.BusinessDate))
        {
            return Problems.Problems.Invalid("businessDate", "businessDate is required, a date like 2026-11-25.");
        }
        if (DateOf(body.BusinessDate, clock, out var date) is { } invalid)
        {
            return invalid;
        }
        if (body.PrinterId is { } named && !CashLimits.IsId(named))
        {
            return Problems.Problems.Invalid("printerId", $"printerId must be 1 to {CashLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }
        var printerId = body.PrinterId ?? (await grains.GetGrain<ICashDrawersGrain>(ICashDrawersGrain.Key).List()).Drawers.FirstOrDefault()?.PrinterId;
        var set = printers.Current ?? await grains.GetGrain<IPrinterDirectoryGrain>(IPrinterDirectoryGrain.Key).List();
        if (printerId is null || set.Find(printerId) is not { } printer)
        {
            return Problems.Problems.Of(ErrorCodes.UnknownPrinter, printerId is null
                ? "No drawer names a receipt printer: send printerId, the printer to print the report on."
                : $"No printer '{printerId}'; GET /api/v1/printers lists them.", new Dictionary<string, object?> { ["field"] = "printerId" });
        }
        var report = ZReportBuilder.Build(date, await journal.ReadBusinessDateAsync(date, cancellationToken));
        var document = new PrintDocument(PrintDocument.Page, ZReportText.Title(report), ZReportText.Lines(report, printer.Columns));
        var result = await grains.GetGrain<IDocumentPrintingGrain>(IDocumentPrintingGrain.Key).Print(printerId, document, Reason, http.CommandContextOf());
        return result.Error is { } error
            ? Problems.Problems.Of(error)
            : TypedResults.Accepted($"/api/v1/printers/{printerId}/jobs", new PrintJobAccepted(result.Job!.JobId, printerId));
    }

    private static ProblemHttpResult? DateOf(string? text, StoreClock clock, out DateOnly date)
    {
        date = clock.Today();
        return string.IsNullOrEmpty(text) || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            ? null
            : Problems.Problems.Invalid("businessDate", "businessDate must be a date like 2026-11-25.");
    }
}
