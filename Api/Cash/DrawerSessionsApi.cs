using System.ComponentModel.DataAnnotations;
using System.Globalization;
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
using Pos.Grains.Cash;

namespace Pos.Api.Cash;

/// <summary>/api/v1/drawer-sessions: a person's drawer session, its pay-ins and pay-outs, and its count at the close.</summary>
public static class DrawerSessionsApi
{
    public static IEndpointRouteBuilder MapDrawerSessionsApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/v1/drawer-sessions").WithTags("Cash").RequiresPermission(PermissionNames.CashDrawer)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        sessions.MapGet("/", List).WithName("ListDrawerSessions")
            .Describe("List drawer sessions", "The open sessions (of businessDate when given) and the closed ones of businessDate (today's by default).");
        sessions.MapGet("/{sessionId:guid}", Get).WithName("GetDrawerSession").ProducesProblem(StatusCodes.Status404NotFound)
            .Describe("Read a drawer session", "Open or closed: float, pay-ins, pay-outs, cash sales, expected and, once closed, counted and over/short.");
        sessions.MapPost("/{sessionId:guid}/movements", Move).WithName("MoveDrawerCash").HonoursIdempotencyKey().TakesFreeText("reason")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .Describe("Pay cash in or out of a drawer",
                "kind pay-in or pay-out (a pay-out says why: reason), by the session's person or a manager. The movementId the client chose makes " +
                "a repeat answer the session again. A closed session is 409 drawer-session-closed.");
        sessions.MapPost("/{sessionId:guid}/close", Close).WithName("CloseDrawerSession").HonoursIdempotencyKey()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .Describe("Count and close a drawer session",
                "With the cash counted: the close records what the drawer should hold (float + pay-ins - pay-outs + cash sales + cash tips) and " +
                "over/short (counted - expected). Closing again with the same count answers the closed session; another count is 409 drawer-session-closed.");
        return app;
    }

    /// <summary>Drawer sessions, oldest first.</summary>
    /// <param name="status">open or closed; both when left out.</param>
    /// <param name="businessDate">The business date (yyyy-MM-dd); today's by the store clock for the closed ones when left out.</param>
    /// <param name="grains">The drawers' grain.</param>
    public static async Task<Results<Ok<DrawerSessionList>, ProblemHttpResult>> List(
        [AllowedValues("open", "closed"), EnumSchemaName("DrawerSessionStatus")] string? status, [DataType(DataType.Date)] string? businessDate,
        IGrainFactory grains)
    {
        if (status is not (null or "" or CashLimits.Open or CashLimits.Closed))
        {
            return Problems.Problems.Invalid("status", "status must be open or closed.");
        }
        bool? open = string.IsNullOrEmpty(status) ? null : status == CashLimits.Open;
        DateOnly? date = null;
        if (!string.IsNullOrEmpty(businessDate))
        {
            if (!DateOnly.TryParseExact(businessDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Problems.Problems.Invalid("businessDate", "businessDate must be a date like 2026-11-25.");
            }
            date = parsed;
        }
        return TypedResults.Ok(new DrawerSessionList(await DrawersApi.Drawers(grains).Sessions(open, date)));
    }

    /// <summary>A drawer session.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="grains">The drawers' grain.</param>
    public static async Task<Results<Ok<DrawerSessionView>, ProblemHttpResult>> Get(Guid sessionId, IGrainFactory grains) =>
        await DrawersApi.Drawers(grains).Get(sessionId) is { } session ? TypedResults.Ok(session) : NoSession(sessionId);

    /// <summary>Pays cash in or out.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="body">The movement.</param>
    /// <param name="http">The request: who moves the cash.</param>
    /// <param name="grains">The drawers' grain.</param>
    public static async Task<Results<Ok<DrawerSessionView>, ProblemHttpResult>> Move(
        Guid sessionId, DrawerMovementRequest? body, HttpContext http, IGrainFactory grains)
    {
        var payOut = body?.Kind == CashEvents.PayOut;
        if (TextRules.Check("reason", body?.Reason, CashLimits.MaxReason, required: payOut) is { } reason)
        {
            return Problems.Problems.Of(reason.Code == ErrorCodes.ValidationFailed && payOut && body?.Reason is null
                ? reason with { Detail = "reason is required for a pay-out: why the cash left the drawer." }
                : reason);
        }
        if (body?.MovementId is not { } movementId || movementId == Guid.Empty)
        {
            return Problems.Problems.Invalid("movementId", "movementId is required: a UUID the client chose, so a repeat is recognised.");
        }
        if (body.Kind is not (CashEvents.PayIn or CashEvents.PayOut))
        {
            return Problems.Problems.Invalid("kind", "kind must be pay-in or pay-out.");
        }
        if (body.AmountMinor is not { } amount || amount is < 1 or > CashLimits.MaxAmountMinor)
        {
            return Problems.Problems.Invalid("amountMinor", $"amountMinor must be from 1 to {CashLimits.MaxAmountMinor} (minor units).");
        }
        if (await OwnedAsync(sessionId, http, grains) is { } refused)
        {
            return refused;
        }
        var result = await DrawersApi.Drawers(grains).Move(new MoveDrawerCash(sessionId, movementId, body.Kind, amount, body.Reason), http.CommandContextOf());
        return result.Error is { } error ? Problems.Problems.Of(error) : TypedResults.Ok(result.Session!);
    }

    /// <summary>Counts and closes a session.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="body">The cash counted.</param>
    /// <param name="http">The request: who closes it.</param>
    /// <param name="grains">The drawers' grain.</param>
    public static async Task<Results<Ok<DrawerSessionView>, ProblemHttpResult>> Close(
        Guid sessionId, CloseDrawerSessionRequest? body, HttpContext http, IGrainFactory grains)
    {
        if (body?.CountedMinor is not { } counted || counted is < 0 or > CashLimits.MaxAmountMinor)
        {
            return Problems.Problems.Invalid("countedMinor", $"countedMinor is required: the cash counted in the drawer, 0 to {CashLimits.MaxAmountMinor} (minor units).");
        }
        if (await OwnedAsync(sessionId, http, grains) is { } refused)
        {
            return refused;
        }
        var result = await DrawersApi.Drawers(grains).Close(sessionId, counted, http.CommandContextOf());
        return result.Error is { } error ? Problems.Problems.Of(error) : TypedResults.Ok(result.Session!);
    }

    /// <summary>404 for a session that does not exist; 403 when the caller is neither its person nor a manager.</summary>
    private static async Task<ProblemHttpResult?> OwnedAsync(Guid sessionId, HttpContext http, IGrainFactory grains)
    {
        if (await DrawersApi.Drawers(grains).Get(sessionId) is not { } session)
        {
            return NoSession(sessionId);
        }
        return http.User.MayActFor(session.EmployeeId)
            ? null
            : Problems.Problems.Of(ErrorCodes.Forbidden, "A drawer session is its person's: they (signed in with their PIN) or a manager move cash in it and close it.");
    }

    private static ProblemHttpResult NoSession(Guid sessionId) => Problems.Problems.Of(ErrorCodes.DrawerSessionNotFound,
        $"No drawer session {sessionId}; GET /api/v1/drawer-sessions lists them.");
}
