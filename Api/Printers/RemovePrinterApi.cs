using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.Commands;
using Pos.Api.OpenApi;
using Pos.Api.Requests;
using Pos.Contracts.Permissions;
using Pos.Contracts.Printing;
using Pos.Contracts.Problems;
using Pos.Grains.Printing;

namespace Pos.Api.Printers;

/// <summary>
/// <c>DELETE /api/v1/printers/{printerId}</c>: a manager removes a printer (a rogue one, or one taken away). It takes no
/// more tickets and its connection closes at once; its unfinished tickets move to its backup, else to another printer of
/// its station, each move journaled; with neither it is refused while it holds tickets (409 printer-has-jobs) unless
/// forced, and while another printer names it as backup (409 printer-is-backup).
/// </summary>
public static class RemovePrinterApi
{
    public static RouteGroupBuilder MapRemovePrinter(this RouteGroupBuilder printers)
    {
        printers.MapDelete("/{printerId}", Remove).WithName("RemovePrinter").RequiresPermission(PermissionNames.PrintersConfigure)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .HonoursIdempotencyKey().RefusedByPolicy()
            .Describe("Remove a printer",
                "It takes no more tickets, leaves the list, and its connection closes at once. Its unfinished tickets (queued, or sent with an " +
                "unknown outcome) move to its backup, else to another printer of its station, and print there once (FOR its name; REPRINT when a " +
                "copy may be out). 409 printer-is-backup while another printer names it as backup (the problem's backupOf says which). 409 " +
                "printer-has-jobs when it holds tickets no printer can take (unfinishedJobs names them): add a printer for its station first, or " +
                "send force=true to remove it anyway, its tickets then recorded failed (reprint each on another printer). A printer removed " +
                "before is 204 again and changes nothing; one never configured is 404 printer-not-found. PUT of the same id adds it anew. " +
                "It takes no body (one is 400).");
        return printers;
    }

    /// <summary>Removes the printer.</summary>
    /// <param name="printerId">The printer to remove.</param>
    /// <param name="force">Remove it even when it holds tickets no printer can take: they are recorded failed.</param>
    /// <param name="http">The request: it must have no body.</param>
    /// <param name="grains">The printers' directory.</param>
    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(string printerId, bool? force, HttpContext http, IGrainFactory grains)
    {
        if (NoBody.Refusal(http.Request, "DELETE /api/v1/printers/{printerId}", "force is a query parameter") is { } body)
        {
            return body;
        }
        if (!PrinterRules.IsId(printerId))
        {
            return Problems.Problems.Invalid("printerId", $"printerId must be 1-{PrinterFieldLimits.MaxIdLength} letters, digits, '-' or '_'.");
        }
        if (await CommandPolicyCheck.RefusalAsync(http, "remove-printer") is { } refused)
        {
            return refused;
        }
        var result = await grains.GetGrain<IPrinterDirectoryGrain>(IPrinterDirectoryGrain.Key).Remove(printerId, force ?? false, http.CommandContextOf());
        return result.Error switch
        {
            null => TypedResults.NoContent(),
            { Code: ErrorCodes.PrinterIsBackup } error => Problems.Problems.Of(error.Code, error.Detail,
                new Dictionary<string, object?> { ["backupOf"] = result.BackupOf }),
            { Code: ErrorCodes.PrinterHasJobs } error => Problems.Problems.Of(error.Code, error.Detail,
                new Dictionary<string, object?> { ["unfinishedJobs"] = result.UnfinishedJobs }),
            { } error => Problems.Problems.Of(error),
        };
    }
}
