using System.Text.Json;

namespace Pos.Cloud.Stores;

/// <summary>An event's data as PostgreSQL's jsonb takes it.</summary>
public static class EventData
{
    private const string Nul = "a NUL character (U+0000), which the cloud's database cannot store";
    private const string HalfPair = "half of a surrogate pair, which is not text";

    /// <summary>
    /// Why jsonb would refuse <paramref name="data"/> (a string or a name holding U+0000, or half of a surrogate
    /// pair), or null when it takes it. Both can only be written as \u escapes, so data without one is not walked.
    /// </summary>
    public static string? Unstorable(JsonElement data)
    {
        if (!data.GetRawText().Contains("\\u", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            return Walk(data, "");
        }
        catch (InvalidOperationException)
        {
            return $"holds {HalfPair}";
        }
    }

    private static string? Walk(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (property.Name.Contains('\0', StringComparison.Ordinal))
                    {
                        return $"holds {Nul} in a field name";
                    }
                    if (Walk(property.Value, at) is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Walk(item, $"{path}[{i++}]") is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            case JsonValueKind.String:
                string value;
                try
                {
                    value = element.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    return $"holds {HalfPair} in {Where(path)}";
                }
                return value.Contains('\0', StringComparison.Ordinal) ? $"holds {Nul} in {Where(path)}" : null;
            default:
                return null;
        }
    }

    private static string Where(string path) => path.Length == 0 ? "its value" : path;
}
