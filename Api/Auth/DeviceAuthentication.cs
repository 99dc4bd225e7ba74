using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pos.Api.Staff;
using Pos.Contracts.Problems;
using Pos.Grains.Commands;
using Pos.Hosting.Access;

namespace Pos.Api.Auth;

/// <summary>Options of the bearer scheme: the admin credential.</summary>
public sealed class DeviceAuthenticationOptions : AuthenticationSchemeOptions
{
    public string AdminToken { get; set; } = "";

    /// <summary>
    /// Where a browser may sign in with basic authentication (the sync dashboard; the host may add its own, such as the
    /// Orleans dashboard). Only there: a browser sends the basic credentials it has cached to every page of the site,
    /// so a form on another site could post to the API as the admin if basic authentication were taken everywhere.
    /// </summary>
    public IReadOnlyList<PathString> BasicAuthenticationPaths { get; set; } = ["/hangfire"];
}

/// <summary>
/// Registered devices by token, held in memory: finding one never waits on the database (so devices are recognised
/// while it is away, and a client limited for failing to authenticate costs no lookup).
/// </summary>
public interface IDeviceDirectory
{
    /// <summary>
    /// The device whose token this is, or null when none is. Throws <c>JournalUnavailableException</c> (503) while the
    /// directory is not loaded yet: a device must not be told its token is wrong because the database has not started.
    /// </summary>
    DeviceIdentity? FindByToken(string token);

    /// <summary>The admitted (registered or paired, not revoked) device of this id, or null: a staff session lives only as long as its device.</summary>
    DeviceIdentity? FindById(string deviceId);
}

/// <summary>A device known to the appliance and its role.</summary>
public sealed record DeviceIdentity(string DeviceId, string Name, string Role);

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>: the admin token, a registered device's token, or a staff session's token
/// (a person signed in on a device with their PIN: the request is that device's, with the person's role and
/// <c>pos:employee</c>). The device id
/// becomes the <c>deviceId</c> of every event the request causes. Basic authentication with the admin token as
/// password is the admin too, for the pages a browser opens (the sync dashboard) and nowhere else. Everything is
/// checked in memory. A wrong credential counts against the client's address (<see cref="FailedAuthenticationLimit"/>).
/// </summary>
public sealed class DeviceAuthenticationHandler(
    IOptionsMonitor<DeviceAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDeviceDirectory devices,
    AdminTokens admin,
    StaffSessionDirectory sessions,
    FailedAuthenticationLimit failures) : AuthenticationHandler<DeviceAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string DeviceIdClaim = "pos:device";
    public const string AdminDeviceId = DeviceIds.Admin;
    public const string AdminRole = "admin";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(Authenticate());

    private AuthenticateResult Authenticate()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (!Options.BasicAuthenticationPaths.Any(p => Request.Path.StartsWithSegments(p)))
            {
                return Failed($"Basic authentication is taken only under {string.Join(" and ", Options.BasicAuthenticationPaths)}; send 'Authorization: Bearer <token>'.");
            }
            // A browser (the sync dashboard) can only ask for a user and a password: any user, the admin token as password.
            return BasicPassword(header["Basic ".Length..].Trim()) is { } password
                && admin.Matches(password)
                ? Success(AdminDeviceId, "admin", AdminRole)
                : Failed("Basic authentication takes the admin token as password.");
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = header["Bearer ".Length..].Trim();
        if (admin.Matches(token))
        {
            return Success(AdminDeviceId, "admin", AdminRole);
        }
        if (StaffSessionDirectory.IsSessionToken(token))
        {
            // A person signed in on a device: the device's id, the person's role, the person.
            return sessions.Find(token) is { } staff
                ? Success(staff.Device.DeviceId, staff.Device.Name, staff.Employee.Role, staff.Employee.EmployeeId)
                : Failed("Unknown, expired or ended staff session; sign in again with the PIN.");
        }
        var device = devices.FindByToken(token);
        return device is null
            ? Failed("Unknown token.")
            : Success(device.DeviceId, device.Name, device.Role);
    }

    /// <summary>A credential was sent and is wrong: counted against the client's address, never logged.</summary>
    private AuthenticateResult Failed(string why)
    {
        failures.Failed(Context.Connection.RemoteIpAddress);
        return AuthenticateResult.Fail(why);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Problems.Of(ErrorCodes.Unauthorized,
            "Send 'Authorization: Bearer <token>' with the admin token or a registered device's token.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Problems.Of(ErrorCodes.Forbidden, "This device's role may not do that; ask a manager.").ExecuteAsync(Context);

    private AuthenticateResult Success(string deviceId, string name, string role, string? employeeId = null)
    {
        var identity = new ClaimsIdentity(
            [new Claim(DeviceIdClaim, deviceId), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], SchemeName);
        if (employeeId is not null)
        {
            identity.AddClaim(new Claim(ClaimsPrincipalExtensions.EmployeeIdClaim, employeeId));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static string? BasicPassword(string encoded)
    {
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            return pair.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? pair[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

public static class ClaimsPrincipalExtensions
{
    /// <summary>The claim of the signed-in person's employee id (only on a staff session's requests).</summary>
    public const string EmployeeIdClaim = "pos:employee";

    public static string DeviceId(this ClaimsPrincipal user) =>
        user.FindFirstValue(DeviceAuthenticationHandler.DeviceIdClaim) ?? DeviceAuthenticationHandler.AdminDeviceId;

    /// <summary>
    /// The role the request acts with: the signed-in person's role on a staff session, else the device's role
    /// (<c>admin</c> for the admin token). Permissions are decided on this role alone.
    /// </summary>
    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    /// <summary>The signed-in person, when the request carries a staff session's token; else null.</summary>
    public static string? EmployeeId(this ClaimsPrincipal user) => user.FindFirstValue(EmployeeIdClaim);
}
