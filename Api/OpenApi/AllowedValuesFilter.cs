using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Pos.Api.OpenApi;

/// <summary>
/// A string field or query parameter that takes a fixed set of words (<see cref="AllowedValuesAttribute"/>: a command's
/// type, a device's role, a list's status filter) is declared as an enum of those words, the same shape as every
/// enum of the document, so a generated client offers exactly what the appliance takes.
/// </summary>
public sealed class AllowedValuesFilter : ISchemaFilter, IParameterFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context) =>
        Declare(schema, context.MemberInfo?.GetCustomAttribute<AllowedValuesAttribute>());

    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context) =>
        Declare(parameter.Schema, context.ParameterInfo?.GetCustomAttribute<AllowedValuesAttribute>());

    private static void Declare(IOpenApiSchema? schema, AllowedValuesAttribute? allowed)
    {
        if (allowed is null || schema is not OpenApiSchema concrete)
        {
            return;
        }
        concrete.Enum = [.. allowed.Values.OfType<string>().Select(v => (JsonNode)JsonValue.Create(v))];
        concrete.MinLength = null;
    }
}
