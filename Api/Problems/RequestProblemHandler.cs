using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Api.Problems;

/// <summary>
/// Turns exceptions that are the client's doing (unreadable JSON, a value of the wrong type) into 400 problems,
/// and a store that cannot answer now into 503 journal-unavailable with <c>Retry-After</c>: a
/// <see cref="JournalUnavailableException"/> anywhere in the exception's chain (Orleans wraps one thrown by a
/// grain's activation), an Orleans call that timed out, or what the host's <see cref="IOutageDetector"/>s
/// recognise. Anything else stays a 500: that is a bug.
/// </summary>
public sealed class RequestProblemHandler(IEnumerable<IOutageDetector> detectors) : IExceptionHandler
{
    /// <summary>How long a client is asked to wait before sending the request again: the database's restart takes about that.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private readonly IOutageDetector[] _detectors = [.. detectors];

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status400BadRequest =>
                Problems.Of(ErrorCodes.ValidationFailed, bad.Message),
            _ when IsUnavailable(exception) => Unavailable(httpContext),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        await problem.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>Whether the exception, or one inside it, says the store cannot answer now (and may later).</summary>
    public bool IsUnavailable(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var e))
        {
            if (e is JournalUnavailableException or TimeoutException || _detectors.Any(d => d.IsOutage(e)))
            {
                return true;
            }
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
        return false;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unavailable(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Of(ErrorCodes.JournalUnavailable,
            "The store's database is not answering right now, so the request may not have been applied. " +
            $"Send it again in {RetryAfter.TotalSeconds:0} s with the same Idempotency-Key (or the same ids): it is applied once.");
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
