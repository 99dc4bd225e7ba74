using Pos.Hosting.Requests;

namespace Pos.Cloud.Hosting;

/// <summary>
/// <c>If-Match</c> and <c>ETag</c> on the cloud's versioned resources (a store group, the chain menu), as the appliance
/// uses them: the ETag is the version in quotes, <c>"5"</c>; a stale <c>If-Match</c> is 412 <c>version-mismatch</c>;
/// none, or <c>*</c>, sets no condition.
/// </summary>
public static class CloudIfMatch
{
    /// <summary>The version an <c>If-Match</c> names (null for none or <c>*</c>); false when it names none readable.</summary>
    public static bool TryRead(HttpRequest request, out int? expected) => VersionHeaders.TryRead(request, out expected);

    /// <summary>The ETag of a version: the number in quotes.</summary>
    public static string ETagOf(int version) => VersionHeaders.ETagOf(version);

    public static IResult Unreadable(string resource) =>
        CloudProblems.Invalid("If-Match", $"If-Match must be {resource}'s version in quotes, as its ETag gives it, e.g. \"5\".");

    /// <summary>412: the resource moved on since the version the client sent.</summary>
    public static IResult Stale(string resource, int expected, int current) => CloudProblems.Of(412, "version-mismatch",
        $"{char.ToUpperInvariant(resource[0])}{resource[1..]} has changed",
        $"If-Match named version {expected} of {resource}, which is now at version {current}; read it again and decide on what it is now.",
        new Dictionary<string, object?> { ["currentVersion"] = current });
}
