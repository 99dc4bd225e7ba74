using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Pos.Api.OpenApi;

/// <summary>
/// What the document says as a whole. Request bodies are read strictly (an unknown field is refused), so a schema
/// only requests use keeps <c>additionalProperties: false</c>; answers may gain fields in later versions, so a schema
/// any answer uses allows more (clients must keep what they do not know). And each tag says what it groups.
/// </summary>
public sealed class ContractDocumentFilter : IDocumentFilter
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Health"] = "Whether the appliance lives and can serve; open to all, for systemd and load balancers.",
        ["Menu"] = "The menu in force: what lines can be added, at what price and tax, to which station.",
        ["Orders"] = "Orders from open to close: lines, voids, firing to the kitchen, payments. Every command is idempotent.",
        ["Journal"] = "The store journal: every change as an event, in a gapless sequence.",
        ["Reports"] = "The day's figures, computed from the journal.",
        ["Printers"] = "Kitchen and bar printers, their health, their jobs, reprints.",
        ["Sync"] = "The journal's replay to the cloud, and the commands devices queued while offline.",
        ["Devices"] = "The devices allowed to call the appliance, each with its own token: registered by the admin, or paired by a phone with a manager's one-time code; revoked by a manager or the admin.",
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas;
        if (schemas is not null)
        {
            var answered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var operation in swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
            {
                foreach (var response in operation.Responses?.Values.AsEnumerable() ?? [])
                {
                    foreach (var media in response.Content?.Values ?? [])
                    {
                        Reach(media.Schema, schemas, answered);
                    }
                }
            }
            foreach (var (name, schema) in schemas)
            {
                if (answered.Contains(name) && schema is OpenApiSchema concrete && !concrete.AdditionalPropertiesAllowed)
                {
                    concrete.AdditionalPropertiesAllowed = true;
                }
            }
        }
        foreach (var operation in swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in (operation.RequestBody?.Content?.Values.AsEnumerable() ?? [])
                .Concat((operation.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => r.Content?.Values.AsEnumerable() ?? [])))
            {
                if (media is OpenApiMediaType concreteMedia)
                {
                    concreteMedia.Schema = Plain(concreteMedia.Schema, schemas);
                }
            }
        }
        foreach (var schema in schemas?.Values.AsEnumerable() ?? [])
        {
            PlainInside(schema, schemas);
        }
        var used = swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        swaggerDoc.Tags = new HashSet<OpenApiTag>(
            used.Order(StringComparer.Ordinal).Select(t => new OpenApiTag { Name = t, Description = TagDescriptions.GetValueOrDefault(t, t) }));
    }

    /// <summary>
    /// A reference wrapped in <c>allOf</c> only to carry a description becomes the plain reference again; one that is
    /// nullable says its type beside <c>nullable</c> (as OpenAPI 3.0 asks); an optional request field with a default
    /// is not nullable (leaving it out gives the default, so clients send the default rather than null).
    /// </summary>
    private static IOpenApiSchema? Plain(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema>? schemas)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return schema;
        }
        if (concrete.AllOf is [OpenApiSchemaReference reference] && concrete.Properties is null or { Count: 0 })
        {
            var nullable = concrete.Type is { } type && type.HasFlag(JsonSchemaType.Null);
            if (concrete.Default is not null)
            {
                concrete.Type = null;
                return concrete;
            }
            if (!nullable)
            {
                return reference;
            }
            var targetType = reference.Reference.Id is { } id && schemas is not null && schemas.TryGetValue(id, out var target) ? target.Type : null;
            concrete.Type = (targetType ?? JsonSchemaType.Object) | JsonSchemaType.Null;
            return concrete;
        }
        PlainInside(concrete, schemas);
        return concrete;
    }

    private static void PlainInside(IOpenApiSchema schema, IDictionary<string, IOpenApiSchema>? schemas)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }
        if (concrete.Properties is { } properties)
        {
            foreach (var name in properties.Keys.ToList())
            {
                properties[name] = Plain(properties[name], schemas)!;
            }
        }
        concrete.Items = Plain(concrete.Items, schemas);
        concrete.AdditionalProperties = Plain(concrete.AdditionalProperties, schemas);
    }

    /// <summary>Every component schema reachable from <paramref name="schema"/>, by name.</summary>
    private static void Reach(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> schemas, HashSet<string> seen)
    {
        if (schema is null)
        {
            return;
        }
        if (schema is OpenApiSchemaReference reference)
        {
            if (reference.Reference.Id is { } id && seen.Add(id) && schemas.TryGetValue(id, out var target))
            {
                Reach(target, schemas, seen);
            }
            return;
        }
        foreach (var inner in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []))
        {
            Reach(inner, schemas, seen);
        }
        Reach(schema.Items, schemas, seen);
        Reach(schema.AdditionalProperties, schemas, seen);
    }
}
