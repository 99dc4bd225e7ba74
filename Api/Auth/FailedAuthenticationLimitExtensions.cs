using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Pos.Contracts.Problems;
using Pos.Hosting.Access;

namespace Pos.Api.Auth;

public static class FailedAuthenticationLimitExtensions
{
    /// <summary>
    /// Before authentication: a request with credentials from a client that failed too often
    /// (<see cref="FailedAuthenticationLimit"/>) is authenticated here, from memory only (the admin token, devices'
    /// token hashes: <see cref="IDeviceDirectory"/>), and served when they are good; wrong ones get 429
    /// <c>too-many-failed-attempts</c> with Retry-After, uncounted and unlogged.
    /// </summary>
    public static IApplicationBuilder UseFailedAuthenticationLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Headers.ContainsKey(HeaderNames.Authorization)
            && await http.RequestServices.GetRequiredService<FailedAuthenticationLimit>()
                .RefusalAsync(http.Connection.RemoteIpAddress, async () => (await http.AuthenticateAsync()).Succeeded) is { } refusal)
        {
            http.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await Problems.Problems.Of(ErrorCodes.TooManyFailedAttempts, refusal.Detail).ExecuteAsync(http);
            return;
        }
        await next(http);
    });
}
