using System.Security.Cryptography;
using System.Text;

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
}

/// <summary>Routes for headquarters: the HQ admin token as a bearer token, compared in fixed time.</summary>
public sealed class HqAdminFilter(CloudSettings settings) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : "";
        var expected = Encoding.UTF8.GetBytes(settings.AdminToken);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected))
        {
            return CloudProblems.Unauthorized("Send the HQ admin token (POS_CLOUD_ADMIN_TOKEN) as 'Authorization: Bearer <token>'.");
        }
        return await next(context);
    }
}
