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

    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        var allowed = context.ParameterInfo?.GetCustomAttribute<AllowedValuesAttribute>();
        Declare(parameter.Schema, allowed);
        if (allowed is null || context.ParameterInfo?.GetCustomAttribute<EnumSchemaNameAttribute>() is not { } named
            || parameter is not OpenApiParameter concrete || concrete.Schema is not OpenApiSchema inline)
        {
            return;
        }
        if (!context.SchemaRepository.Schemas.ContainsKey(named.Name))
        {
            context.SchemaRepository.AddDefinition(named.Name, inline);
        }
        concrete.Schema = new OpenApiSchemaReference(named.Name);
    }

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
