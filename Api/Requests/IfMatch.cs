using Pos.Hosting.Requests;
using Microsoft.AspNetCore.Http;

namespace Pos.Api.Requests;

/// <summary>
/// <c>If-Match</c> and <c>ETag</c> as every versioned resource uses them (an order, the menu, the printers): the ETag
/// is the version in quotes, <c>"5"</c>; an <c>If-Match</c> names the version the client last saw, and a stale one
/// is refused with 412 version-mismatch. No <c>If-Match</c>, or <c>*</c>, sets no condition.
/// </summary>
public static class IfMatch
{
    /// <summary>The version an <c>If-Match</c> names (null for none or <c>*</c>); false when it names none readable.</summary>
    public static bool TryRead(HttpRequest request, out int? expected) => VersionHeaders.TryRead(request, out expected);

    /// <summary>The ETag of a version: the number in quotes.</summary>
    public static string ETagOf(int version) => VersionHeaders.ETagOf(version);

    /// <summary>The problem for an <c>If-Match</c> that names no version.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unreadable(string resource) =>
        Problems.Problems.Invalid("If-Match", $"If-Match must be {resource}'s version in quotes, as its ETag gives it, e.g. \"5\".");
}
