using Microsoft.AspNetCore.Builder;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;

namespace Pos.Api.Requests;

/// <summary>
/// Refuses a body in any character set but UTF-8 with 415 unsupported-media-type before anything reads it, and
/// gives the JSON reader a plain <c>charset=utf-8</c> where the client quoted it: an unknown or quoted character
/// set would otherwise fail deep in the framework with a 500.
/// </summary>
public static class CharsetCheck
{
    public static IApplicationBuilder UseUtf8Bodies(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var contentType = http.Request.ContentType;
        if (contentType is not null && contentType.Contains("charset", StringComparison.OrdinalIgnoreCase))
        {
            if (RequestJson.CharsetProblem(contentType) is { } problem)
            {
                await Problems.Problems.Of(ErrorCodes.UnsupportedMediaType, problem).ExecuteAsync(http);
                return;
            }
            http.Request.ContentType = contentType.Split(';')[0].Trim() + "; charset=utf-8";
        }
        await next(http);
    });
}
