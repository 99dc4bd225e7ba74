using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.Commands;
using Pos.Api.OpenApi;
using Pos.Api.Requests;
using Pos.Contracts.Printers;
using Pos.Contracts.Printing;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Grains.Menu;
using Pos.Grains.Printing;
using PrinterConfig = Pos.Contracts.Printers.PrinterConfig;
using PrintJobView = Pos.Contracts.Printers.PrintJobView;
using Pos.Contracts.Permissions;

namespace Pos.Api.Printers;

/// <summary>/api/v1/printers: the store's printers, their health, their jobs, reprints.</summary>
public static class PrintersApi
{
    private const int MaxJobs = 500;

    public static IEndpointRouteBuilder MapPrintersApi(this IEndpointRouteBuilder app)
    {
        var printers = app.MapGroup("/api/v1/printers").WithTags("Printers")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        const string Printers = "the printers' configuration";
        printers.MapGet("/", ListPrinters).WithName("ListPrinters").RequiresPermission(PermissionNames.PrintersRead)
            .Describe("List the printers and their health",
                "Also names the menu's stations that no printer serves: lines fired there print nowhere.");
        printers.MapGet("/{printerId}", GetPrinter).WithName("GetPrinter").RequiresPermission(PermissionNames.PrintersRead).ProducesProblem(404).AnswersETag(Printers)
            .Describe("Read a printer and its health",
                "The ETag is the version of the printers' configuration (it changes when any printer is changed; health is not versioned).");
        printers.MapPut("/{printerId}", PutPrinter).WithName("PutPrinter").RequiresPermission(PermissionNames.PrintersConfigure)
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .HonoursIdempotencyKey().HonoursIfMatch(Printers).AnswersETag(Printers).RefusedByPolicy().TakesFreeText("name", "host", "station")
            .Describe("Add or change a printer",
                "Fields left out take their defaults. Send If-Match with the ETag last read so a change made meanwhile is not " +
                "overwritten (412 version-mismatch, with currentVersion).");
        printers.MapGet("/{printerId}/jobs", ListJobs).WithName("ListPrintJobs").RequiresPermission(PermissionNames.PrintersRead).ProducesProblem(400).ProducesProblem(404)
            .Describe("List a printer's jobs",
                "Every unfinished job and the latest `limit` ones (100 by default): a window, not a list that grows.");
        printers.MapPost("/{printerId}/jobs/{jobId:guid}/reprint", Reprint).WithName("ReprintJob").RequiresPermission(PermissionNames.PrintersReprint)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412).ProducesProblem(422)
            .HonoursIdempotencyKey().TakesOptionalBody().RefusedByPolicy()
            .Describe("Print a job again", "The new job is marked REPRINT; the body is empty ({} or none).");
        printers.MapRemovePrinter();
        return app;
    }

    public static async Task<Ok<PrinterList>> ListPrinters(PrinterCatalog printers, MenuCatalog menus, IGrainFactory grains)
    {
        var set = await PrintersAsync(printers, grains);
        var live = await Task.WhenAll(set.Printers.Select(p => grains.GetGrain<IPrinterGrain>(p.PrinterId).Get()));
        var menu = menus.Current ?? await grains.GetGrain<IMenuGrain>(MenuGrainKey.Store).Get();
        return TypedResults.Ok(new PrinterList(
            [.. set.Printers.Select((p, i) => p.ToResponse(live[i]))], set.StationsWithoutPrinter(menu)));
    }

    public static async Task<Results<Ok<PrinterResponse>, ProblemHttpResult>> GetPrinter(
        string printerId, HttpContext http, PrinterCatalog printers, IGrainFactory grains)
    {
        var set = await PrintersAsync(printers, grains);
        if (set.Find(printerId) is not { } config)
        {
            return NoPrinter(printerId);
        }
        http.Response.Headers.ETag = IfMatch.ETagOf(set.Version);
        return TypedResults.Ok(config.ToResponse(await grains.GetGrain<IPrinterGrain>(printerId).Get()));
    }

    public static async Task<Results<Ok<PrinterConfig>, ProblemHttpResult>> PutPrinter(
        string printerId, PrinterRequest? body, HttpContext http, IGrainFactory grains)
    {
        if (!PrinterRules.IsId(printerId))
        {
            return Problems.Problems.Invalid("printerId", $"printerId must be 1-{PrinterFieldLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }
        if (!IfMatch.TryRead(http.Request, out var expected))
        {
            return IfMatch.Unreadable("the printers' configuration");
        }
        if (body is null)
        {
            return Problems.Problems.Invalid("body", "A JSON body is required: {name, host, station}.");
        }
        if (string.IsNullOrWhiteSpace(body.Name) || string.IsNullOrWhiteSpace(body.Host) || string.IsNullOrWhiteSpace(body.Station))
        {
            var field = string.IsNullOrWhiteSpace(body.Name) ? "name" : string.IsNullOrWhiteSpace(body.Host) ? "host" : "station";
            return Problems.Problems.Invalid(field, $"{field} is required (name, host and station are).");
        }
        var config = new Grains.Printing.PrinterConfig(
            printerId, body.Name, body.Host, body.Port ?? PrinterFieldLimits.DefaultPort, body.Station, body.BackupPrinterId,
            body.Columns ?? PrinterFieldLimits.DefaultColumns, body.CodePage ?? EscPosCodePage.Pc858,
            body.Confirm ?? PrintConfirmation.ProcessId, body.FailoverAfterSeconds ?? PrinterFieldLimits.DefaultFailoverAfterSeconds)
        {
            ReceiptFor = body.ReceiptFor ?? [],
        };
        if (await CommandPolicyCheck.RefusalAsync(http, "configure-printer") is { } refused)
        {
            return refused;
        }
        var context = http.CommandContextOf(expected);
        var result = await Directory(grains).Configure(config, context);
        if (result.Error is { } error)
        {
            return error.Code == ErrorCodes.VersionMismatch
                ? Problems.Problems.Of(error.Code, error.Detail, new Dictionary<string, object?> { ["currentVersion"] = result.Version })
                : Problems.Problems.Of(error);
        }
        http.Response.Headers.ETag = IfMatch.ETagOf(result.Version);
        return TypedResults.Ok(result.Printer!.ToWire());
    }

    /// <summary>A printer's unfinished jobs and its latest ones.</summary>
    /// <param name="printerId">The printer.</param>
    /// <param name="status">Only the jobs in this state; all when left out.</param>
    /// <param name="limit">How many of the latest jobs to give besides the unfinished ones.</param>
    /// <param name="printers">The printers in force.</param>
    /// <param name="grains">The printer grain.</param>
    public static async Task<Results<Ok<PrintJobList>, ProblemHttpResult>> ListJobs(
        string printerId, [AllowedValues("queued", "printing", "printed", "failed")] string? status,
        [Range(1, MaxJobs), DefaultValue(100)] int? limit, PrinterCatalog printers, IGrainFactory grains)
    {
        PrintJobStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<PrintJobStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return Problems.Problems.Invalid("status", "status must be queued, printing, printed or failed.");
            }
            wanted = parsed;
        }
        if (limit is < 1 or > MaxJobs)
        {
            return Problems.Problems.Invalid("limit", $"limit must be 1-{MaxJobs}.");
        }
        if ((await PrintersAsync(printers, grains)).Find(printerId) is null)
        {
            return NoPrinter(printerId);
        }
        var jobs = await grains.GetGrain<IPrinterGrain>(printerId).Jobs(wanted, limit ?? 100);
        return TypedResults.Ok(jobs.ToWire());
    }

    /// <summary>A reprint takes an empty body (<c>{}</c>, or none); anything else is refused like any malformed request.</summary>
    public static async Task<Results<Created<PrintJobView>, ProblemHttpResult>> Reprint(
        string printerId, Guid jobId, EmptyRequest? body, HttpContext http, IGrainFactory grains)
    {
        if (!PrinterRules.IsId(printerId))
        {
            return Problems.Problems.Invalid("printerId", $"printerId must be 1-{PrinterFieldLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }
        if ((await Directory(grains).List()).Find(printerId) is null)
        {
            return NoPrinter(printerId);
        }
        if (await CommandPolicyCheck.RefusalAsync(http, "reprint") is { } refused)
        {
            return refused;
        }
        var context = http.CommandContextOf();
        var result = await grains.GetGrain<IPrinterGrain>(printerId).Reprint(jobId, context);
        return result.Error is { } error
            ? Problems.Problems.Of(error)
            : TypedResults.Created($"/api/v1/printers/{printerId}/jobs?status=queued", result.Job!.ToWire());
    }

    /// <summary>The printers in force: from memory once the directory grain has published them, so reads answer while the database is away.</summary>
    private static async ValueTask<PrinterSet> PrintersAsync(PrinterCatalog printers, IGrainFactory grains) =>
        printers.Current ?? await Directory(grains).List();

    private static IPrinterDirectoryGrain Directory(IGrainFactory grains) =>
        grains.GetGrain<IPrinterDirectoryGrain>(IPrinterDirectoryGrain.Key);

    private static ProblemHttpResult NoPrinter(string printerId) =>
        Problems.Problems.Of(ErrorCodes.PrinterNotFound, $"No printer '{printerId}'; PUT /api/v1/printers/{printerId} adds it.");
}
