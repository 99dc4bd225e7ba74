using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.OpenApi;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Grains.Clock;
using Pos.Contracts.Permissions;
using Pos.Api.Requests;

namespace Pos.Api.Devices;

/// <summary>
/// <c>DELETE /api/v1/devices/{deviceId}</c>: a manager or the admin revokes a device. Its token is refused (401) from
/// the next request on, restarts included; the device stays in the list with <c>revokedAt</c>. Revoking a revoked
/// device is 204 again and changes nothing (two managers at once, or a retried request); the admin credential is not
/// a device and cannot be revoked this way.
/// </summary>
public static class RevokeDeviceApi
{
    /// <summary>Well past any device id (64 at most): a longer one is refused (400) before any lookup.</summary>
    private const int MaxIdLength = 256;

    public static IEndpointRouteBuilder MapRevokeDeviceApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/v1/devices/{deviceId}", Revoke).WithName("RevokeDevice").WithTags("Devices")
            .RequiresPermission(PermissionNames.DevicesManage)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Describe("Revoke a device (manager or admin)",
                "Its token is answered 401 from the next request on, after a restart too; the device stays listed with revokedAt, and what it " +
                "did stays in the journal. Revoking it again is 204 and changes nothing. An unknown device (the admin credential included) is " +
                "404 device-not-found. Another role is 403 permission-denied. It takes no body (one is 400).");
        return app;
    }

    /// <summary>Revokes the device.</summary>
    /// <param name="deviceId">The device to revoke, as listed by GET /api/v1/devices.</param>
    /// <param name="http">The request: it must have no body.</param>
    /// <param name="user">Who revokes: recorded as the event's device.</param>
    /// <param name="pairing">Where devices are kept.</param>
    /// <param name="clock">The store's clock.</param>
    /// <param name="cancellationToken">Stops the work when the client goes.</param>
    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        string deviceId, HttpContext http, ClaimsPrincipal user, IDevicePairing pairing, StoreClock clock, CancellationToken cancellationToken)
    {
        if (NoBody.Refusal(http.Request, "DELETE /api/v1/devices/{deviceId}") is { } body)
        {
            return body;
        }
        if (TextRules.Check("deviceId", deviceId, MaxIdLength, identifier: true) is { } invalid)
        {
            return Problems.Problems.Of(invalid);
        }
        if (string.Equals(deviceId, DeviceAuthenticationHandler.AdminDeviceId, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Problems.Of(ErrorCodes.DeviceNotFound,
                "The admin credential is not a device and cannot be revoked; change POS_ADMIN_TOKEN and restart the appliance instead.");
        }
        return await pairing.RevokeAsync(deviceId, user.DeviceId(), clock.Now(), cancellationToken) switch
        {
            Revocation.Unknown => Problems.Problems.Of(ErrorCodes.DeviceNotFound, $"No device '{deviceId}' is registered; GET /api/v1/devices lists them."),
            _ => TypedResults.NoContent(),
        };
    }
}
