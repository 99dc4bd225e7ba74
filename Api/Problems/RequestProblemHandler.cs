using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Grains.Journal;

namespace Pos.Api.Problems;

/// <summary>
/// Turns exceptions that are the client's doing (unreadable JSON, a value of the wrong type, a field twice or
/// unknown, a body too large) into 4xx problems that name the field, and a store that cannot answer now into 503
/// journal-unavailable with <c>Retry-After</c>: a <see cref="JournalUnavailableException"/> anywhere in the
/// exception's chain (Orleans wraps one thrown by a grain's activation), an Orleans call that timed out, or what the
/// host's <see cref="IOutageDetector"/>s recognise. Anything else stays a 500: that is a bug.
/// </summary>
public sealed partial class RequestProblemHandler(IEnumerable<IOutageDetector> detectors) : IExceptionHandler
{
    /// <summary>How long a client is asked to wait before sending the request again: the database's restart takes about that.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private readonly IOutageDetector[] _detectors = [.. detectors];

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problems.Of(ErrorCodes.BodyTooLarge, ProblemCatalog.DetailOf(ErrorCodes.BodyTooLarge, httpContext)!),
            // The body came slower than the minimum rate (Kestrel's MinRequestBodyDataRate): the client is cut.
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } =>
                Problems.Of(ErrorCodes.RequestTimeout, "The body came more slowly than the appliance waits for; send it again, whole."),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                Problems.Of(ErrorCodes.UnsupportedMediaType, ProblemCatalog.DetailOf(ErrorCodes.UnsupportedMediaType, httpContext)!),
            BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 => FromBinding(bad),
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
    public bool IsUnavailable(Exception exception) => IsUnavailable(exception, _detectors);

    /// <summary>Whether the exception, or one inside it, is an outage: by the journal's own word, a timeout, or a detector's.</summary>
    public static bool IsUnavailable(Exception exception, IReadOnlyList<IOutageDetector> detectors)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var e))
        {
            if (e is JournalUnavailableException or TimeoutException || detectors.Any(d => d.IsOutage(e)))
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

    private static ProblemHttpResult Unavailable(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Of(ErrorCodes.JournalUnavailable,
            "The store's database is not answering right now, so the request may not have been applied. " +
            $"Send it again in {RetryAfter.TotalSeconds:0} s with the same Idempotency-Key (or the same ids): it is applied once.");
    }

    /// <summary>
    /// A route or query value that could not be read (a number too large, a word where a number goes), named by its
    /// parameter: the framework's own message names the C# type instead.
    /// </summary>
    private static ProblemHttpResult FromBinding(BadHttpRequestException bad)
    {
        if (BindFailure().Match(bad.Message) is not { Success: true } failure)
        {
            return Problems.Of(ErrorCodes.ValidationFailed, CardNumbers.Redact(bad.Message));
        }
        var name = failure.Groups["name"].Value;
        // The value is quoted back so the client sees what was wrong, unless it looks like a card number.
        var value = CardNumbers.Redact(failure.Groups["value"].Value);
        return Problems.Invalid(name, $"'{name}' cannot be '{(value.Length > 40 ? value[..40] + "..." : value)}': send a value of its type (see the OpenAPI document).");
    }

    [GeneratedRegex("""^Failed to bind parameter "[^"]* (?<name>\w+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    /// <summary>A JSON problem named by the field it is in, saying what was wrong with it.</summary>
    public static ProblemHttpResult FromJson(JsonException json)
    {
        var problem = RequestJson.Explain(json);
        return problem.Malformed ? Problems.Of(ErrorCodes.MalformedJson, problem.Detail) : Problems.Invalid(problem.Field, problem.Detail);
    }

    /// <summary>The field a JSON error is in (as a client names it: <c>commands[0].payload.note</c>) and what was wrong.</summary>
    public static (string Field, string Detail) Explain(JsonException json)
    {
        var problem = RequestJson.Explain(json);
        return (problem.Field, problem.Detail);
    }
}
