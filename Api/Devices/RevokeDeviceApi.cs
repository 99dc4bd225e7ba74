using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.OpenApi;
using Pos.Contracts.Problems;
using Pos.Grains.Clock;

namespace Pos.Api.Devices;

/// <summary>
/// <c>DELETE /api/v1/devices/{deviceId}</c>: a manager or the admin revokes a device. Its token is refused (401) from
/// the next request on, restarts included; the device stays in the list with <c>revokedAt</c>. Revoking a revoked
/// device is 204 again and changes nothing (two managers at once, or a retried request); the admin credential is not
/// a device and cannot be revoked this way.
/// </summary>
public static class RevokeDeviceApi
{
    public static IEndpointRouteBuilder MapRevokeDeviceApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/v1/devices/{deviceId}", Revoke).WithName("RevokeDevice").WithTags("Devices")
            .RequireAuthorization(p => p.RequireRole(DevicesApi.AdminRole, PairingApi.ManagerRole))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Describe("Revoke a device (manager or admin)",
                "Its token is answered 401 from the next request on, after a restart too; the device stays listed with revokedAt, and what it " +
                "did stays in the journal. Revoking it again is 204 and changes nothing. An unknown device (the admin credential included) is " +
                "404 device-not-found. Another role is 403 forbidden.");
        return app;
    }

    /// <summary>Revokes the device.</summary>
    /// <param name="deviceId">The device to revoke, as listed by GET /api/v1/devices.</param>
    /// <param name="user">Who revokes: recorded as the event's device.</param>
    /// <param name="pairing">Where devices are kept.</param>
    /// <param name="clock">The store's clock.</param>
    /// <param name="cancellationToken">Stops the work when the client goes.</param>
    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        string deviceId, ClaimsPrincipal user, IDevicePairing pairing, StoreClock clock, CancellationToken cancellationToken)
    {
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
