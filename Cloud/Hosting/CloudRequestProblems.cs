using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Pos.Cloud.Hosting;

/// <summary>
/// Turns the exceptions that are the client's doing into problems: a body the JSON reader or the strict request
/// options refused (400 <c>malformed-json</c> or <c>validation-failed</c> naming the field), another unreadable
/// request (its own status). Anything else stays a 500: that is a bug.
/// </summary>
public sealed class CloudRequestProblems : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => CloudProblems.FromJson(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad => CloudProblems.Of(400, "validation-failed", "The request is not valid", bad.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(httpContext),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => CloudProblems.Of(415, "unsupported-media-type", "The body must be JSON", "Send the body as application/json."),
            BadHttpRequestException bad => CloudProblems.Of(bad.StatusCode, "bad-request", "The request could not be read", bad.Message),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        await problem.ExecuteAsync(httpContext);
        return true;
    }

    private static IResult TooLarge(HttpContext http)
    {
        http.Response.Headers.Connection = "close"; // the rest of the body is not read
        return CloudProblems.Of(StatusCodes.Status413PayloadTooLarge, CloudBodyTooLarge.Code, CloudBodyTooLarge.Title, CloudBodyTooLarge.Detail(http));
    }
}
