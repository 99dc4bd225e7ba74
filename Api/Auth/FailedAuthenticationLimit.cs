using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pos.Grains.Access;
using Pos.Grains.Commands;

namespace Pos.Api.Auth;

/// <summary>
/// The appliance's limit on failed authentication per client address (<see cref="FailedAuthentications"/>): an
/// address that failed too often gets 429 <c>too-many-failed-attempts</c> for any request carrying credentials, before
/// any token is looked at. One warning when an address starts being refused, with the count; never the token.
/// </summary>
public sealed partial class FailedAuthenticationLimit(FailedAuthentications failures, ILogger<FailedAuthenticationLimit> logger)
{
    /// <summary>Counts a failed authentication of the request's client.</summary>
    public void Failed(HttpContext http)
    {
        var address = AddressOf(http);
        if (failures.Failed(address) is { } count)
        {
            LogLimited(logger, address, count, failures.Limits.Window.TotalSeconds, failures.Limits.CoolDown.TotalSeconds);
        }
    }

    /// <summary>Answers 429 when the client is cooling down and sent credentials; false when the request goes on.</summary>
    public async Task<bool> RefuseAsync(HttpContext http)
    {
        if (!http.Request.Headers.ContainsKey("Authorization") || failures.RetryAfter(AddressOf(http)) is not { } wait)
        {
            return false;
        }
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.Problems.Of(ErrorCodes.TooManyFailedAttempts,
            $"Too many failed authentications from this address; credentials from it are not looked at for {seconds} more seconds.").ExecuteAsync(http);
        return true;
    }

    /// <summary>The client's address, an IPv4 client as IPv4 even on a dual-stack socket.</summary>
    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : IPAddress.None.ToString();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Address} failed to authenticate {Count} times within {WindowSeconds} s; its credentials are refused unread (429) for {CoolDownSeconds} s.")]
    private static partial void LogLimited(ILogger logger, string address, int count, double windowSeconds, double coolDownSeconds);
}

public static class FailedAuthenticationLimitExtensions
{
    /// <summary>Before authentication: a client cooling down is answered 429 without its credentials being looked at.</summary>
    public static IApplicationBuilder UseFailedAuthenticationLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var limit = http.RequestServices.GetService(typeof(FailedAuthenticationLimit)) as FailedAuthenticationLimit;
        if (limit is null || !await limit.RefuseAsync(http))
        {
            await next(http);
        }
    });
}
