using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pos.Grains.Commands;

namespace Pos.Grains.Journal;

/// <summary>
/// The JSON of requests from outside (devices, integrators, headquarters, stores): read strictly, so what a client
/// meant is never guessed. Names are camelCase and case-sensitive; a field sent twice, a field the request does not
/// have, a number sent as a string and an enum value other than its wire name are refused, and so is any string
/// holding a control character other than a newline or a tab (<see cref="TextRules"/>). The journal's own JSON
/// (<see cref="EventJson"/>) is read as it was written.
/// </summary>
public static class RequestJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Applies the strict settings to an options instance owned by someone else (ASP.NET Core's).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new PlainTextConverter());
        options.Converters.Add(new RawValueConverter());
        // First, so it reads and writes every enum; the standard converter after it is never used for reading, but tells
        // tools that look for it (the OpenAPI generator) that enums travel as strings.
        options.Converters.Add(new WireEnumConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    /// <summary>The wire name of an enum value: its <see cref="JsonStringEnumMemberNameAttribute"/>, else kebab-case.</summary>
    public static string WireName<T>(T value) where T : struct, Enum => WireEnumConverter.NameOf(value);
}

/// <summary>Strings from outside, refused when they hold a control character other than a newline or a tab.</summary>
public sealed class PlainTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A string was expected.");
        }
        var value = reader.GetString()!;
        if (TextRules.TryFindUnfit(value, multiLine: true, out var at, out var c))
        {
            throw new JsonException($"{TextRules.Describe(c)} at position {at + 1}: text may hold no control characters.");
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// A free-form value (a queued command's payload) taken as sent, even with a field twice: it is read strictly later,
/// as the body its command takes, so a fault in it is that command's alone and not its whole batch's.
/// </summary>
public sealed class RawValueConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);
}

/// <summary>Enums as their wire names only: no other case, no number, no name of the C# member.</summary>
public sealed class WireEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    internal static string NameOf<T>(T value) where T : struct, Enum => Converter<T>.Names[value];

    private sealed class Converter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Names = [];
        private static readonly Dictionary<string, T> ByName = new(StringComparer.Ordinal);
        private static readonly string Expected;

        static Converter()
        {
            foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var value = (T)field.GetValue(null)!;
                var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                    ?? JsonNamingPolicy.KebabCaseLower.ConvertName(field.Name);
                Names[value] = name;
                ByName[name] = value;
            }
            Expected = string.Join(", ", ByName.Keys);
        }

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && ByName.TryGetValue(name, out var value)
                ? value
                : throw new JsonException($"The value must be one of: {Expected}.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Names.TryGetValue(value, out var name) ? name : throw new JsonException($"{value} has no wire name."));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } name && ByName.TryGetValue(name, out var value)
                ? value
                : throw new JsonException($"The key must be one of: {Expected}.");

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(Names[value]);
    }
}
