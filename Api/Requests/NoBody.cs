using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Pos.Api.Requests;

/// <summary>
/// Routes that take no body (a revocation, a removal, a sign-out) read requests as strictly as the others: a body
/// means the client meant something the route does not do, so it is refused (400) before anything is looked up.
/// </summary>
public static class NoBody
{
    /// <summary>The 400 problem when the request carries a body; else null. <paramref name="route"/> names the route in it.</summary>
    public static ProblemHttpResult? Refusal(HttpRequest request, string route, string? hint = null) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0
            ? Problems.Problems.Invalid("body", $"{route} takes no body; send none{(hint is null ? "" : $" ({hint})")}.")
            : null;
}
