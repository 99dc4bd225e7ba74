using System.Globalization;
using System.Text.Json;

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
        var why = json.Message.Split(" Path:")[0];
        if (json.InnerException is JsonException || json.Path is null)
        {
            return Of(400, "malformed-json", "The body is not valid JSON", $"The body could not be read as JSON: {why} Send a JSON object.");
        }
        var path = json.Path.TrimStart('$').TrimStart('.');
        var field = prefix + (prefix.Length > 0 && path.Length > 0 && path[0] != '[' ? "." : "") + path;
        if (field.Length == 0)
        {
            return Of(400, "malformed-json", "The body is not valid JSON", $"The body could not be read: {why} Send a JSON object.");
        }
        var detail = why.Contains("could not be mapped", StringComparison.Ordinal)
            ? $"'{field}' is not a field of this request (names are case-sensitive, camelCase)."
            : why.StartsWith("Duplicate property", StringComparison.Ordinal)
                ? $"'{field}' is sent twice; send each field once."
            : why.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                ? $"'{field}' has a value of the wrong type or an unknown value."
                : $"'{field}': {why}";
        return Invalid(field, detail);
    }
}
