using Pos.Contracts.Requests;


namespace Pos.Cloud.Hosting;

/// <summary>
/// Refuses a body in any character set but UTF-8 with 415 unsupported-media-type before anything reads it (an
/// unknown or quoted one would otherwise fail in the framework with a 500), as the appliance does.
/// </summary>
public static class CloudCharsetCheck
{
    public static IApplicationBuilder UseUtf8Bodies(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var contentType = http.Request.ContentType;
        if (contentType is not null && contentType.Contains("charset", StringComparison.OrdinalIgnoreCase))
        {
            if (RequestJson.CharsetProblem(contentType) is { } problem)
            {
                await CloudProblems.Of(415, "unsupported-media-type", "The body must be JSON", problem).ExecuteAsync(http);
                return;
            }
            http.Request.ContentType = contentType.Split(';')[0].Trim() + "; charset=utf-8";
        }
        await next(http);
    });
}
