using Microsoft.OpenApi;
using Pos.Api.Problems;
using Pos.Contracts.Orders;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Pos.Api.OpenApi;

/// <summary>
/// The problem body as it is sent (RFC 9457 with this API's members), not as the framework's class reads: <c>type</c>,
/// <c>title</c>, <c>status</c> and <c>code</c> are always there; <c>detail</c> almost always; <c>instance</c> never
/// (declared, optional, for the RFC's sake); <c>errors</c> on a refused field, <c>currentVersion</c> on a stale
/// <c>If-Match</c>, <c>order</c> on an order command's conflict, <c>traceId</c> on an HTTP answer (not inside a batch's
/// result). A problem may gain members: clients keep what they do not know.
/// </summary>
public sealed class ProblemSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || context.MemberInfo is not null || context.ParameterInfo is not null
            || !typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.Type))
        {
            return;
        }
        var codes = string.Join(", ", ProblemCatalog.All.Keys.Order(StringComparer.Ordinal));
        concrete.Description = "An RFC 9457 problem. `code` is stable and says what happened; `type` is the same code as a URI. " +
            "Problems may gain members: keep the ones you do not know.";
        concrete.Type = JsonSchemaType.Object;
        concrete.Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = Text($"A URI naming the problem: {ProblemCatalog.TypePrefix}{{code}}."),
            ["title"] = Text("What happened, in a sentence that is the same for every problem of this code."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status (inside a batch's result too)." },
            ["detail"] = Text("What happened this time and what to do about it, for a person to read."),
            ["instance"] = Text("Not sent by this API; declared because RFC 9457 defines it."),
            ["code"] = Text($"The stable code of the problem, one of: {codes}. New codes may come; treat an unknown one by its status."),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "On a refused request: each field at fault (as the client names it, e.g. `commands[0].payload.note`) and what is wrong with it.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["currentVersion"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Description = "On 412 version-mismatch: the version the resource is at now (its ETag, without quotes).",
            },
            ["order"] = new OpenApiSchema
            {
                AllOf = [context.SchemaGenerator.GenerateSchema(typeof(OrderView), context.SchemaRepository)],
                Description = "On an order command's conflict: the order as it stands, so the client need not read it again.",
            },
            ["traceId"] = Text("The request's trace id, to find it in the appliance's logs."),
            ["permission"] = Text("On 403 permission-denied: the permission the request's role lacks (the table is in docs/SECURITY.md)."),
        };
        concrete.Required = new HashSet<string>(StringComparer.Ordinal) { "type", "title", "status", "code" };
        concrete.AdditionalPropertiesAllowed = true;
        concrete.AdditionalProperties = null;
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
