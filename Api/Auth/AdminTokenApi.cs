using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.OpenApi;
using Pos.Contracts.Permissions;
using Pos.Contracts.Devices;
using Pos.Contracts.Problems;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Journal;
using Pos.Api.Requests;

namespace Pos.Api.Auth;

/// <summary>
/// <c>POST /api/v1/admin-token/rotate</c>: the admin replaces the admin token without downtime. The new token is
/// answered once and kept in the data folder; the old one is still taken for a grace period (an hour unless
/// <c>graceMinutes</c> says otherwise, at most a day), so scripts and integrations can be given the new one first.
/// The rotation is journaled (never a token).
/// </summary>
public static class AdminTokenApi
{
    public static IEndpointRouteBuilder MapAdminTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/admin-token/rotate", Rotate).WithName("RotateAdminToken").WithTags("Devices")
            .RequiresPermission(PermissionNames.AdminTokenRotate)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Describe("Rotate the admin token (admin)",
                "Answers a new admin token, shown this once and kept in the appliance's data folder. The token it replaces is still taken " +
                "for graceMinutes (60 unless given, 0 to 1440), then refused. An appliance given its token in POS_ADMIN_TOKEN is 409 " +
                "admin-token-not-rotatable: change the variable and restart. It takes no body (one is 400).");
        return app;
    }

    /// <summary>Rotates the admin token.</summary>
    /// <param name="graceMinutes">How long the replaced token is still taken: 0 to 1440 minutes, 60 when not given.</param>
    /// <param name="http">The request: it must have no body.</param>
    /// <param name="tokens">The admin credential in force.</param>
    /// <param name="journal">Where the rotation is recorded.</param>
    /// <param name="clock">The store's clock.</param>
    /// <param name="cancellationToken">Stops the work when the client goes.</param>
    public static async Task<Results<Ok<AdminTokenRotation>, ProblemHttpResult>> Rotate(
        int? graceMinutes, HttpContext http, AdminTokens tokens, IJournal journal, StoreClock clock, CancellationToken cancellationToken)
    {
        if (NoBody.Refusal(http.Request, "POST /api/v1/admin-token/rotate", "graceMinutes is a query parameter") is { } body)
        {
            return body;
        }
        var grace = graceMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : AdminTokens.DefaultGrace;
        if (grace < TimeSpan.Zero || grace > AdminTokens.LongestGrace)
        {
            return Problems.Problems.Invalid("graceMinutes", $"graceMinutes is 0 to {AdminTokens.LongestGrace.TotalMinutes:0}.");
        }
        if (tokens.WhyNotRotatable is { } why)
        {
            return Problems.Problems.Of(ErrorCodes.AdminTokenNotRotatable, why);
        }
        // Journaled first: a rotation the journal cannot record does not happen (503 while it is away).
        var rotationId = Guid.CreateVersion7();
        var now = clock.Now();
        var append = new StreamAppend(DeviceEvents.AdminTokenStreamOf(rotationId), 0,
            [DeviceEvents.ToNew(new AdminTokenRotated(rotationId, now + grace))], now, DeviceIds.Admin, BusinessDate: null);
        if ((await journal.AppendAsync(append, cancellationToken)).Refusal() is { } refused)
        {
            return Problems.Problems.Of(refused);
        }
        // Journaled: from here the rotation is carried out whatever the client does.
        var (token, until) = await tokens.RotateAsync(grace, CancellationToken.None);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AdminTokenRotation(token, until));
    }
}
