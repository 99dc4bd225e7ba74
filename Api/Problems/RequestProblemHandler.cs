using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Api.Problems;

/// <summary>
/// Turns exceptions that are the client's doing (unreadable JSON, a value of the wrong type) into 400
/// problems, and an unwritable journal into 503. Anything else stays a 500: that is a bug.
/// </summary>
public sealed class RequestProblemHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status400BadRequest =>
                Problems.Of(ErrorCodes.ValidationFailed, bad.Message),
            JournalUnavailableException => Problems.Of(ErrorCodes.JournalUnavailable,
                "The store's database is not answering; nothing was changed. Retry with the same Idempotency-Key."),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        await problem.ExecuteAsync(httpContext);
        return true;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult FromJson(JsonException json)
    {
        // A syntax error comes from the reader (an inner JsonException); a wrong value type has a path and no inner.
        if (json.InnerException is JsonException || json.Path is null or "$")
        {
            return Problems.Of(ErrorCodes.MalformedJson,
                $"The body could not be read as JSON: {json.Message.Split(" Path:")[0]} Send a JSON object.");
        }
        var field = json.Path.TrimStart('$').TrimStart('.');
        return Problems.Invalid(field, $"'{field}' has a value of the wrong type or an unknown value.");
    }
}
