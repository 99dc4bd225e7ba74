using System.Globalization;
using System.Text.Json;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;

namespace Pos.Cloud.Hosting;

/// <summary>RFC 9457 problems with the same stable type URIs and <c>code</c> extension as the appliance's.</summary>
public static class CloudProblems
{
    public const string TypePrefix = "https://pos-appliance.dev/problems/";

    public static IResult Of(int status, string code, string title, string detail, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?>(extra ?? new Dictionary<string, object?>()) { ["code"] = code };
        return Results.Problem(detail: detail, statusCode: status, title: title, type: TypePrefix + code, extensions: extensions);
    }

    public static IResult Invalid(string field, string detail) => Of(400, "validation-failed", "The request is not valid", detail,
        new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    /// <summary>
    /// A field's refusal by the shared rules (Contracts): 400, under its own code (<c>validation-failed</c>, or
    /// <c>card-data-refused</c> for what looks like a card number), naming the field.
    /// </summary>
    public static IResult Refused(CommandError error, string defaultField)
    {
        var field = error.Field ?? defaultField;
        var title = error.Code == ErrorCodes.CardDataRefused ? "Card numbers are not taken" : "The request is not valid";
        return Of(400, error.Code, title, error.Detail,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [error.Detail] } });
    }

    public static IResult Unauthorized(string detail) => Of(401, "unauthorized", "A valid credential is required", detail);

    /// <summary>503 try-again with Retry-After: nothing was done, the same request may be sent again shortly.</summary>
    public static IResult TryAgain(HttpContext http, string title, string detail, int afterSeconds = 1)
    {
        http.Response.Headers.RetryAfter = afterSeconds.ToString(CultureInfo.InvariantCulture);
        return Of(503, "try-again", title, detail);
    }

    /// <summary>
    /// A body the serializer refused: unreadable JSON is <c>malformed-json</c>; a value of the wrong type, a field the
    /// request does not have (names are case-sensitive), a field sent twice or text with a control character is
    /// <c>validation-failed</c> naming the field (<paramref name="prefix"/> before its path, for a part of a body).
    /// </summary>
    public static IResult FromJson(JsonException json, string prefix = "")
    {
        // Said as the appliance says it.
        var problem = RequestJson.Explain(json, prefix);
        return problem.Malformed || problem.Field.Length == 0
            ? Of(400, "malformed-json", "The body is not valid JSON", problem.Detail)
            : Invalid(problem.Field, problem.Detail);
    }
}
