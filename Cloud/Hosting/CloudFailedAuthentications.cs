using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;
using Pos.Hosting.Access;

namespace Pos.Cloud.Hosting;

/// <summary>
/// The cloud's side of the limit on failed authentication (<see cref="FailedAuthenticationLimit"/>): a wrong HQ token,
/// or a journal batch or menu pull whose store or signature is wrong, counts against the client. While a client is
/// limited its credentials are checked only against what the silo holds in memory (the HQ token; the secrets of the
/// stores it knows) and served when they are good; a wrong one is 429 <c>too-many-failed-attempts</c> with Retry-After,
/// without a database lookup and without its body being read (a batch's body is read only to check a signature that
/// may be good, by at most two readers per address).
/// </summary>
public static class CloudFailedAuthentications
{
    /// <summary>
    /// Before authentication: a limited client's HQ bearer token is checked here (in fixed time, in memory), so a
    /// good one is served and a wrong one is answered 429. Signed store requests go on to their route, which answers
    /// for itself (<see cref="Refuse"/>).
    /// </summary>
    public static IApplicationBuilder UseCloudFailedAuthenticationLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Headers.ContainsKey(HeaderNames.Authorization)
            && await http.RequestServices.GetRequiredService<FailedAuthenticationLimit>().RefusalAsync(http.Connection.RemoteIpAddress,
                async () => (await http.AuthenticateAsync(HqAuthenticationHandler.SchemeName)).Succeeded) is { } refusal)
        {
            await TooManyFailures(http, refusal).ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    /// <summary>
    /// A credential of <paramref name="http"/> was wrong: counted against its client, and <paramref name="unauthorized"/>
    /// (401) is the answer, or 429 when the client is limited.
    /// </summary>
    public static IResult Refuse(this FailedAuthenticationLimit limit, HttpContext http, IResult unauthorized)
    {
        var client = http.Connection.RemoteIpAddress;
        var limited = limit.Limited(client);
        limit.Failed(client);
        return limited is { } refusal ? TooManyFailures(http, refusal) : unauthorized;
    }

    /// <summary>429 with Retry-After; the connection is closed, as any body the request has is not read.</summary>
    public static IResult TooManyFailures(HttpContext http, TooManyFailures refusal)
    {
        http.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.Connection = "close";
        return CloudProblems.Of(StatusCodes.Status429TooManyRequests, "too-many-failed-attempts", "Too many failed authentications from this address",
            refusal.Detail);
    }
}
