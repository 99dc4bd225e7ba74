using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pos.Contracts.Journal;

namespace Pos.Contracts.Requests;

/// <summary>
/// The JSON of requests from outside (devices, integrators, headquarters, stores): read strictly, so what a client
/// meant is never guessed. Names are camelCase and case-sensitive; a field sent twice, a field the request does not
/// have, a number sent as a string and an enum value other than its wire name are refused, and so is any string
/// holding a control character other than a newline or a tab (<see cref="TextRules"/>). The journal's own JSON
/// (<see cref="EventJson"/>) is read as it was written.
/// </summary>
public static partial class RequestJson
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
        options.Converters.Add(new OffsetTimeConverter());
        // First, so it reads and writes every enum; the standard converter after it is never used for reading, but tells
        // tools that look for it (the OpenAPI generator) that enums travel as strings.
        options.Converters.Add(new WireEnumConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    /// <summary>
    /// What a JSON error means to the client: unreadable JSON (<see cref="JsonProblem.Malformed"/>), or the field it is in
    /// (as a client names it, <c>commands[0].payload.note</c>, after <paramref name="prefix"/>) and what was wrong with
    /// it. The appliance and the cloud say it the same way.
    /// </summary>
    public static JsonProblem Explain(JsonException json, string prefix = "")
    {
        var why = json.Message.Split(" Path:")[0];
        // A syntax error comes from the reader (an inner JsonException, or no path); every other error has a path.
        if (json.InnerException is JsonException || json.Path is null or "$")
        {
            return new JsonProblem(true, "", $"The body could not be read as JSON: {why} Send a JSON object.");
        }
        var path = json.Path.TrimStart('$').TrimStart('.');
        var field = prefix + (prefix.Length > 0 && path.Length > 0 && path[0] != '[' ? "." : "") + path;
        if (DuplicateName().Match(why) is { Success: true } duplicate)
        {
            // Inside a free-form object (a batch's payload) the path stops at the object; the message names the key.
            var name = duplicate.Groups[1].Value;
            if (!field.EndsWith(name, StringComparison.Ordinal))
            {
                field = field.Length == 0 ? name : $"{field}.{name}";
            }
            return Problem(field, "appears more than once in the body; send each field once.");
        }
        if (why.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return Problem(field, "is not a field of this request; field names are camelCase and case-sensitive.");
        }
        if (why.StartsWith("a control character", StringComparison.Ordinal) || why.StartsWith("an unpaired surrogate", StringComparison.Ordinal)
            || why.StartsWith("a character that hides", StringComparison.Ordinal) || why.StartsWith("a line break", StringComparison.Ordinal))
        {
            return Problem(field, $"holds {why}");
        }
        if (why.StartsWith("The value must be", StringComparison.Ordinal))
        {
            return Problem(field, $"is not taken. {why}");
        }
        return Problem(field, "has a value of the wrong type: numbers are JSON numbers (not strings), ids are UUIDs, times are ISO 8601 with their offset.");
    }

    // A field's name as it is quoted back: a name a client sent may be any length.
    private static JsonProblem Problem(string field, string what)
    {
        var shown = field.Length > 80 ? field[..80] + "..." : field;
        return new JsonProblem(false, shown, $"'{shown}' {what}");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Duplicate property '([^']*)'")]
    private static partial System.Text.RegularExpressions.Regex DuplicateName();

    /// <summary>
    /// Why a request's <c>Content-Type</c> names a character set other than UTF-8 (JSON is UTF-8, RFC 8259), or null
    /// when it names none or UTF-8 (quoted or not, in any case). A body in another character set is refused rather
    /// than transcoded, and an unknown one never reaches the JSON reader.
    /// </summary>
    public static string? CharsetProblem(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }
        foreach (var part in contentType.Split(';').Skip(1))
        {
            var (name, value) = part.IndexOf('=', StringComparison.Ordinal) is var eq and > 0
                ? (part[..eq].Trim(), part[(eq + 1)..].Trim().Trim('"'))
                : (part.Trim(), "");
            if (name.Equals("charset", StringComparison.OrdinalIgnoreCase)
                && !value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !value.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                return $"The body must be UTF-8 JSON; '{(value.Length > 40 ? value[..40] : value)}' is not taken. Send 'Content-Type: application/json' or 'application/json; charset=utf-8'.";
            }
        }
        return null;
    }

    /// <summary>The wire name of an enum value: its <see cref="JsonStringEnumMemberNameAttribute"/>, else kebab-case.</summary>
    public static string WireName<T>(T value) where T : struct, Enum => WireEnumConverter.NameOf(value);
}

/// <summary>A JSON error as the client is told it: unreadable JSON, or the field at fault and what was wrong with it.</summary>
public sealed record JsonProblem(bool Malformed, string Field, string Detail);

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
/// A point in time from outside: ISO 8601 with its offset (<c>Z</c> or <c>±hh:mm</c>), never a bare date or a time
/// without an offset, which would be read in the appliance's own zone and silently mean another moment.
/// </summary>
public sealed partial class OffsetTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || reader.GetString() is not { } text || !WithOffset().IsMatch(text)
            || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var value))
        {
            throw new JsonException("The value must be an ISO 8601 time with its offset, e.g. 2026-11-25T19:02:11-05:00 or 2026-11-26T00:02:11Z.");
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    [System.Text.RegularExpressions.GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z")]
    private static partial System.Text.RegularExpressions.Regex WithOffset();
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
