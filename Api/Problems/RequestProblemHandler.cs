using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Api.Problems;

/// <summary>
/// Turns exceptions that are the client's doing (unreadable JSON, a value of the wrong type, a field twice or
/// unknown, a body too large) into 4xx problems that name the field, and an unwritable journal into 503. Anything
/// else stays a 500: that is a bug.
/// </summary>
public sealed partial class RequestProblemHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problems.Of(ErrorCodes.BodyTooLarge, ProblemCatalog.DetailOf(ErrorCodes.BodyTooLarge, httpContext)!),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                Problems.Of(ErrorCodes.UnsupportedMediaType, ProblemCatalog.DetailOf(ErrorCodes.UnsupportedMediaType, httpContext)!),
            BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 =>
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

    /// <summary>A JSON problem named by the field it is in, saying what was wrong with it.</summary>
    public static ProblemHttpResult FromJson(JsonException json)
    {
        // A syntax error comes from the reader (an inner JsonException, or no path); every other error has a path.
        if (json.InnerException is JsonException || json.Path is null or "$")
        {
            return Problems.Of(ErrorCodes.MalformedJson,
                $"The body could not be read as JSON: {json.Message.Split(" Path:")[0]} Send a JSON object.");
        }
        var (field, detail) = Explain(json);
        return Problems.Invalid(field, detail);
    }

    /// <summary>The field a JSON error is in (as a client names it: <c>commands[0].payload.note</c>) and what was wrong.</summary>
    public static (string Field, string Detail) Explain(JsonException json)
    {
        var field = (json.Path ?? "$").TrimStart('$').TrimStart('.');
        var message = json.Message;
        if (Duplicate().Match(message) is { Success: true } duplicate)
        {
            // Inside a free-form object (a batch's payload) the path stops at the object; the message names the key.
            var name = duplicate.Groups[1].Value;
            if (!field.EndsWith(name, StringComparison.Ordinal))
            {
                field = field.Length == 0 ? name : $"{field}.{name}";
            }
            return (field, $"'{field}' appears more than once in the body; send each field once.");
        }
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return (field, $"'{field}' is not a field of this request; field names are camelCase and case-sensitive.");
        }
        if (message.StartsWith("a control character", StringComparison.Ordinal) || message.StartsWith("an unpaired surrogate", StringComparison.Ordinal))
        {
            return (field, $"'{field}' holds {message}");
        }
        if (message.StartsWith("The value must be one of", StringComparison.Ordinal))
        {
            return (field, $"'{field}' is not a known value. {message}");
        }
        return (field, $"'{field}' has a value of the wrong type: numbers are JSON numbers (not strings), ids are UUIDs, times are ISO 8601.");
    }

    [GeneratedRegex("^Duplicate property '([^']*)'")]
    private static partial Regex Duplicate();
}
