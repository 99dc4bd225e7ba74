using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.OpenApi;
using Pos.Contracts.Permissions;
using Pos.Contracts.Problems;
using Pos.Contracts.Staff;
using Pos.Grains.Clock;
using Pos.Api.Requests;

namespace Pos.Api.Staff;

/// <summary>
/// /api/v1/staff-sessions: a person signs in on a paired device with their PIN alone, and out again. The session's token
/// then stands for the device with the person's role; every command sent with it records the person.
/// </summary>
public static class StaffSessionsApi
{
    public static IEndpointRouteBuilder MapStaffSessionsApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/v1/staff-sessions").WithTags("Staff").RequiresPermission(PermissionNames.StaffSignIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        sessions.MapPost("/", SignIn).WithName("StartStaffSession")
            .WithMetadata(CreatedWithoutLocationMetadata.Instance)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .Describe("Sign a person in on this device",
                "With the device's token (or a session's on it) and the person's PIN: answers a session token, shown once, to send as the bearer " +
                "token until expiresAt (12 hours) or sign-out. A PIN that is nobody's is 403 pin-invalid; after 5 wrong PINs in 15 minutes the " +
                "device (or the person) is locked out, 429 pin-locked with Retry-After, for 5 minutes, then 10, 20 ... up to an hour. Every " +
                "refusal is journaled (PinRefused, never the PIN). The admin credential is not a device: 403 forbidden.");
        sessions.MapDelete("/current", SignOut).WithName("EndStaffSession")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Describe("Sign out",
                "Ends the session whose token the request carries: the token is refused from the next request on. A device's own token is 404 no-staff-session.");
        return app;
    }

    /// <summary>Signs a person in on the requesting device.</summary>
    /// <param name="body">The PIN.</param>
    /// <param name="http">The request: the device.</param>
    /// <param name="pins">The PIN check.</param>
    /// <param name="book">Where sessions are kept.</param>
    /// <param name="clock">The store's clock: how long a lock-out has to run.</param>
    /// <param name="cancellationToken">Stops the work when the client goes.</param>
    public static async Task<Results<Created<StaffSessionStarted>, ProblemHttpResult>> SignIn(
        StartStaffSessionRequest? body, HttpContext http, PinCheck pins, IStaffBook book, StoreClock clock, CancellationToken cancellationToken)
    {
        // Not a PIN at all is a malformed request, not a guess: refused before it is counted.
        if (!StaffRules.IsPin(body?.Pin))
        {
            return Problems.Problems.Invalid("pin", $"pin is required: the person's {StaffRules.MinPinDigits} to {StaffRules.MaxPinDigits} digits.");
        }
        var deviceId = http.User.DeviceId();
        if (deviceId == DeviceAuthenticationHandler.AdminDeviceId)
        {
            return Problems.Problems.Of(ErrorCodes.Forbidden, "The admin credential is not a device: a person signs in on a paired device, with its token.");
        }
        var verdict = await pins.CheckAsync(deviceId, http.User.EmployeeId(), body!.Pin!, StaffEvents.SignIn, cancellationToken);
        if (verdict.Employee is not { } employee)
        {
            return Refusal(http, verdict, clock.Now());
        }
        var started = await book.StartSessionAsync(employee, deviceId, cancellationToken);
        return TypedResults.Created((string?)null, started);
    }

    /// <summary>Ends the request's own staff session.</summary>
    /// <param name="http">The request: its token is the session's.</param>
    /// <param name="sessions">The live sessions.</param>
    /// <param name="book">Where sessions are kept.</param>
    /// <param name="cancellationToken">Stops the work when the client goes.</param>
    public static async Task<Results<NoContent, ProblemHttpResult>> SignOut(
        HttpContext http, StaffSessionDirectory sessions, IStaffBook book, CancellationToken cancellationToken)
    {
        if (NoBody.Refusal(http.Request, "DELETE /api/v1/staff-sessions/current") is { } body)
        {
            return body;
        }
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        if (!StaffSessionDirectory.IsSessionToken(token) || sessions.Find(token) is not { } staff)
        {
            return Problems.Problems.Of(ErrorCodes.NoStaffSession, "This request carries a device's token, not a staff session's; there is nobody to sign out.");
        }
        await book.EndSessionAsync(staff.Session, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A refused PIN as a problem: a lock-out says when to try again.</summary>
    public static ProblemHttpResult Refusal(HttpContext http, PinVerdict verdict, DateTimeOffset now)
    {
        if (verdict.Refusal!.Code == ErrorCodes.PinLocked && verdict.LockedUntil is { } until)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling((until - now).TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Problems.Of(verdict.Refusal.Code, verdict.Refusal.Detail, new Dictionary<string, object?> { ["lockedUntil"] = until });
        }
        return Problems.Problems.Of(verdict.Refusal);
    }
}
