using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Pos.Hosting.Access;

namespace Pos.Cloud.Hosting;

/// <summary>
/// Headquarters' routes: the HQ admin token (POS_CLOUD_ADMIN_TOKEN) as a bearer token, compared in fixed time. As an
/// authentication scheme, it is checked before the route reads its body. A wrong token counts against the client's
/// address (<see cref="FailedAuthenticationLimit"/>).
/// </summary>
public sealed class HqAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CloudSettings settings,
    FailedAuthenticationLimit failures) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HqBearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        if (!CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(settings.AdminToken))))
        {
            failures.Failed(Context.Connection.RemoteIpAddress);
            return Task.FromResult(AuthenticateResult.Fail("Not the HQ admin token."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "hq")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return CloudProblems.Unauthorized("Send the HQ admin token (POS_CLOUD_ADMIN_TOKEN) as 'Authorization: Bearer <token>'.").ExecuteAsync(Context);
    }
}
