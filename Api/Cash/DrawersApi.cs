using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.OpenApi;
using Pos.Api.Staff;
using Pos.Contracts.Cash;
using Pos.Contracts.Permissions;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Contracts.Staff;
using Pos.Grains.Cash;

namespace Pos.Api.Cash;

/// <summary>
/// /api/v1/drawers: the cash drawers (a manager wires each to its receipt printer), a session opened on one, and the
/// no-sale opening. Each change is journaled with who made it (docs/CASH.md).
/// </summary>
public static class DrawersApi
{
    public static IEndpointRouteBuilder MapDrawersApi(this IEndpointRouteBuilder app)
    {
        var drawers = app.MapGroup("/api/v1/drawers").WithTags("Cash")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        drawers.MapGet("/", List).WithName("ListDrawers").RequiresPermission(PermissionNames.CashDrawer)
            .Describe("List the cash drawers", "Every drawer, its receipt printer and pin, and the session open on it (openSession), if any.");
        drawers.MapPut("/{drawerId}", Put).WithName("PutDrawer").RequiresPermission(PermissionNames.PrintersConfigure)
            .HonoursIdempotencyKey().TakesFreeText("name")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .Describe("Add or change a cash drawer (a manager)",
                "A drawer hangs on a receipt printer (printerId, which must be configured: 422 unknown-printer otherwise) and opens on its " +
                "pin (0 or 1, 0 by default): the kick ESC p m t1 t2 goes out through that printer.");
        drawers.MapPost("/{drawerId}/sessions", Open).WithName("OpenDrawerSession").RequiresPermission(PermissionNames.CashDrawer)
            .HonoursIdempotencyKey()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .Describe("Open a drawer session",
                "For the person signed in, or, sent by a manager, for employeeId; with the float counted into the drawer. A session is a person's: " +
                "with nobody signed in and no employeeId it is 400. 409 drawer-in-use when the drawer has an open session, 409 drawer-session-open " +
                "when the person has one open on another drawer; the sessionId the client chose makes a repeat answer the session again.");
        drawers.MapPost("/{drawerId}/kick", Kick).WithName("KickDrawer").RequiresPermission(PermissionNames.CashDrawer)
            .HonoursIdempotencyKey().TakesFreeText("reason")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .Describe("Open a drawer without a sale (no-sale)",
                "Journaled (DrawerKicked, with the reason and the session holding the drawer) and counted in the Z report (noSaleCount); the " +
                "drawer's printer gets a print job that kicks it. Send an Idempotency-Key: a retry then kicks nothing more.");
        return app;
    }

    /// <summary>Every drawer and its open session.</summary>
    /// <param name="grains">The drawers' grain.</param>
    public static async Task<Ok<DrawerList>> List(IGrainFactory grains) => TypedResults.Ok(await Drawers(grains).List());

    /// <summary>Adds or changes a drawer.</summary>
    /// <param name="drawerId">The drawer's id: 1 to 64 letters, digits, '-' or '_'.</param>
    /// <param name="body">Its name, printer and pin.</param>
    /// <param name="http">The request: who changes it.</param>
    /// <param name="grains">The drawers' grain.</param>
    public static async Task<Results<Ok<DrawerView>, ProblemHttpResult>> Put(string drawerId, DrawerRequest? body, HttpContext http, IGrainFactory grains)
    {
        if (TextRules.Check("name", body?.Name?.Trim(), CashLimits.MaxName, required: true) is { } name)
        {
            return Problems.Problems.Of(name);
        }
        if (!CashLimits.IsId(drawerId))
        {
            return InvalidDrawerId();
        }
        if (!CashLimits.IsId(body!.PrinterId))
        {
            return Problems.Problems.Invalid("printerId", "printerId is required: the id of the receipt printer the drawer hangs on.");
        }
        if (body.Pin is not (null or 0 or 1))
        {
            return Problems.Problems.Invalid("pin", "pin must be 0 or 1: the drawer kick connector's pin 2 (0) or pin 5 (1).");
        }
        var result = await Drawers(grains).Configure(new DrawerSetup(drawerId, body.Name!.Trim(), body.PrinterId!, body.Pin ?? 0), http.CommandContextOf());
        return result.Error is { } error ? Problems.Problems.Of(error) : TypedResults.Ok(result.Drawer!);
    }

    /// <summary>Opens a drawer session.</summary>
    /// <param name="drawerId">The drawer.</param>
    /// <param name="body">The session's id, the float, and (by a manager) whose session it is.</param>
    /// <param name="http">The request: who is signed in.</param>
    /// <param name="roster">The store's people.</param>
    /// <param name="grains">The drawers' grain.</param>
    public static async Task<Results<Created<DrawerSessionView>, ProblemHttpResult>> Open(
        string drawerId, OpenDrawerSessionRequest? body, HttpContext http, StaffRoster roster, IGrainFactory grains)
    {
        if (body?.SessionId is not { } sessionId || sessionId == Guid.Empty)
        {
            return Problems.Problems.Invalid("sessionId", "sessionId is required: a UUID the client chose, so a repeat is recognised.");
        }
        if (body.FloatMinor is not (>= 0 and <= CashLimits.MaxAmountMinor) || body.FloatMinor is not { } floatMinor)
        {
            return Problems.Problems.Invalid("floatMinor", $"floatMinor is required: the cash counted into the drawer, 0 to {CashLimits.MaxAmountMinor} (minor units).");
        }
        if (!CashLimits.IsId(drawerId))
        {
            return InvalidDrawerId();
        }
        var employeeId = body.EmployeeId ?? http.User.EmployeeId();
        if (employeeId is null)
        {
            return Problems.Problems.Invalid("employeeId",
                "A drawer session is a person's: sign in with your PIN first (POST /api/v1/staff-sessions), or, as a manager, name the employeeId.");
        }
        if (!StaffRules.IsId(employeeId))
        {
            return Problems.Problems.Invalid("employeeId", $"employeeId must be 1 to {StaffRules.MaxIdLength} letters, digits, '-', '_' or '.'.");
        }
        if (!http.User.MayActFor(employeeId))
        {
            return Problems.Problems.Of(ErrorCodes.Forbidden, "A person opens their own drawer session, signed in with their PIN; a manager may open one for anyone.");
        }
        if (roster.Find(employeeId) is not { } employee)
        {
            return EmployeesApi.NoEmployee(employeeId);
        }
        if (!employee.Active)
        {
            return Problems.Problems.Of(ErrorCodes.EmployeeInactive, $"'{employeeId}' is deactivated; a manager saves them active again first.");
        }
        var result = await Drawers(grains).Open(new OpenDrawerSession(sessionId, drawerId, employeeId, employee.Name, floatMinor), http.CommandContextOf());
        return result.Error is { } error
            ? Problems.Problems.Of(error)
            : TypedResults.Created($"/api/v1/drawer-sessions/{sessionId}", result.Session!);
    }

    /// <summary>Opens a drawer without a sale.</summary>
    /// <param name="drawerId">The drawer.</param>
    /// <param name="body">Why.</param>
    /// <param name="http">The request: who opens it.</param>
    /// <param name="grains">The drawers' grain.</param>
    public static async Task<Results<Ok<DrawerKickView>, ProblemHttpResult>> Kick(string drawerId, KickDrawerRequest? body, HttpContext http, IGrainFactory grains)
    {
        if (TextRules.Check("reason", body?.Reason, CashLimits.MaxReason, required: true) is { } reason)
        {
            return Problems.Problems.Of(reason);
        }
        if (!CashLimits.IsId(drawerId))
        {
            return InvalidDrawerId();
        }
        var result = await Drawers(grains).Kick(drawerId, body!.Reason!, http.CommandContextOf());
        return result.Error is { } error ? Problems.Problems.Of(error) : TypedResults.Ok(result.Kick!);
    }

    public static ICashDrawersGrain Drawers(IGrainFactory grains) => grains.GetGrain<ICashDrawersGrain>(ICashDrawersGrain.Key);

    private static ProblemHttpResult InvalidDrawerId() =>
        Problems.Problems.Invalid("drawerId", $"drawerId must be 1 to {CashLimits.MaxIdLength} letters, digits, '-' or '_'.");
}
