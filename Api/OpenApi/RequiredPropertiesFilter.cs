using System.Reflection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Pos.Api.OpenApi;

/// <summary>
/// Makes the document tell the truth about which fields are always there. Responses always carry every
/// property (null where it has no value), so each is required; request bodies (types named *Request) list
/// as required only what is marked [Required]. Non-nullable properties are never marked nullable.
/// </summary>
public sealed class RequiredPropertiesFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is not { Count: > 0 } properties || context.Type.IsEnum)
        {
            return;
        }
        if (context.Type.Name.EndsWith("Request", StringComparison.Ordinal))
        {
            return;
        }
        concrete.Required ??= new HashSet<string>(StringComparer.Ordinal);
        var nullability = new NullabilityInfoContext();
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonName(property.Name);
            if (!properties.ContainsKey(name))
            {
                continue;
            }
            concrete.Required.Add(name);
            var isNullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                || (!property.PropertyType.IsValueType && nullability.Create(property).ReadState == NullabilityState.Nullable);
            if (!isNullable && properties[name] is OpenApiSchema propertySchema && propertySchema.Type is { } type)
            {
                propertySchema.Type = type & ~JsonSchemaType.Null;
            }
        }
    }

    private static string JsonName(string clrName) => char.ToLowerInvariant(clrName[0]) + clrName[1..];
}
