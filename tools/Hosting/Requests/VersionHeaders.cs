using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Pos.Hosting.Requests;

/// <summary>
/// <c>If-Match</c> and <c>ETag</c> as both hosts' versioned resources use them (the appliance's orders, menu and
/// printers; the cloud's groups and chain menu): the ETag is the version in quotes, <c>"5"</c>; an <c>If-Match</c> names
/// the version the client last saw. No <c>If-Match</c>, or <c>*</c>, sets no condition. Each host words its own problems.
/// </summary>
public static class VersionHeaders
{
    /// <summary>The version an <c>If-Match</c> names (null for none or <c>*</c>); false when it names none readable.</summary>
    public static bool TryRead(HttpRequest request, out int? expected)
    {
        expected = null;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }
        if (header.StartsWith("W/", StringComparison.Ordinal))
        {
            header = header[2..];
        }
        if (header.Length >= 3 && header[0] == '"' && header[^1] == '"'
            && int.TryParse(header.AsSpan(1, header.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expected = version;
            return true;
        }
        return false;
    }

    /// <summary>The ETag of a version: the number in quotes.</summary>
    public static string ETagOf(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";
}
