namespace Pos.Api.OpenApi;

/// <summary>
/// Declares a query parameter's fixed words (<see cref="System.ComponentModel.DataAnnotations.AllowedValuesAttribute"/>)
/// as a schema of this name in the document's components, not inline. Generated clients name an inline enum after its
/// parameter, so a second <c>status</c> filter would take the name of the first one's type (NSwag's <c>Status</c>
/// would become <c>Status2</c> and break the integrators' code); a named schema keeps every existing name as it was.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class EnumSchemaNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
