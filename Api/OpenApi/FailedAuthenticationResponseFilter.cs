using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Pos.Api.OpenApi;

/// <summary>
/// Every route that answers 401 may also answer 429 <c>too-many-failed-attempts</c> (the client's address failed to
/// authenticate too often; see FailedAuthenticationLimit), with the same problem body: declared once here rather than on
/// every route group.
/// </summary>
public sealed class FailedAuthenticationResponseFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is not { } responses || !responses.TryGetValue("401", out var unauthorized) || responses.ContainsKey("429"))
        {
            return;
        }
        responses["429"] = new OpenApiResponse
        {
            Description = "Too many failed authentications from this address: a wrong credential from it is answered so until Retry-After has passed (a valid one is served).",
            Content = unauthorized.Content is { } content ? new Dictionary<string, IOpenApiMediaType>(content) : null,
        };
    }
}
