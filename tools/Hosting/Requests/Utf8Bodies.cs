using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Pos.Contracts.Requests;

namespace Pos.Hosting.Requests;

/// <summary>
/// Both hosts' front door for character sets: a body in any character set but UTF-8 is refused before anything reads
/// it (an unknown or quoted one would otherwise fail deep in the framework with a 500), and the JSON reader is given
/// a plain <c>charset=utf-8</c> where the client quoted it. Each host says how its refusal is written (415).
/// </summary>
public static class Utf8Bodies
{
    /// <param name="app">The host's pipeline.</param>
    /// <param name="refuse">Writes the host's 415 problem with the reason given.</param>
    public static IApplicationBuilder UseUtf8Bodies(this IApplicationBuilder app, Func<HttpContext, string, Task> refuse) =>
        app.Use(async (http, next) =>
        {
            var contentType = http.Request.ContentType;
            if (contentType is not null && contentType.Contains("charset", StringComparison.OrdinalIgnoreCase))
            {
                if (RequestJson.CharsetProblem(contentType) is { } problem)
                {
                    await refuse(http, problem);
                    return;
                }
                http.Request.ContentType = contentType.Split(';')[0].Trim() + "; charset=utf-8";
            }
            await next(http);
        });
}
