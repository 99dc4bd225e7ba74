using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pos.Contracts.Problems;

// An RFC 9457 problem as this API sends it, for a client to read (and for the appliance to put in a device batch's
// result): type, title, status and detail first, then the members of this API (code always; errors, currentVersion,
// order, traceId when they apply) in the order they were added. The OpenAPI document describes it as its
// ProblemDetails schema. It has no XML summary on purpose: the document takes a type's summary as the description of
// every field of that type (DeviceCommandResult.problem), and that field says nothing more than the schema does.
public sealed class ProblemDetails
{
    [JsonPropertyName("type"), JsonPropertyOrder(-5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; set; }

    [JsonPropertyName("title"), JsonPropertyOrder(-4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; set; }

    [JsonPropertyName("status"), JsonPropertyOrder(-3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Status { get; set; }

    [JsonPropertyName("detail"), JsonPropertyOrder(-2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; set; }

    [JsonPropertyName("instance"), JsonPropertyOrder(-1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Instance { get; set; }

    /// <summary>The members after the standard ones, by name, in the order they are written: <c>code</c>, <c>errors</c>, ...</summary>
    [JsonExtensionData]
    public IDictionary<string, object?> Extensions { get; set; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// The stable code (<see cref="ErrorCodes"/>), null when the problem has none. A method, not a property: a property
    /// named so would take the <c>code</c> member from <see cref="Extensions"/> when read, and it would not be written back.
    /// </summary>
    public string? GetCode() => Extensions.TryGetValue("code", out var code) ? code switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } read => read.GetString(),
        _ => null,
    } : null;
}
