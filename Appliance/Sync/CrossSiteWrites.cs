namespace Pos.Appliance.Sync;

/// <summary>
/// Writes a browser sends on behalf of another site. A browser that cached the dashboard's Basic credentials sends
/// them with any site's form post too; the request's Origin (and Sec-Fetch-Site, which browsers set themselves) tell
/// such a post from one made by the dashboard's own pages. Scripts send neither header and are not affected.
/// </summary>
public static class CrossSiteWrites
{
    /// <summary>Why <paramref name="request"/> is a write from another site, or null when it is a read or comes from this one.</summary>
    public static string? Refusal(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return null;
        }
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return $"The browser says this {request.Method} comes from another site (Sec-Fetch-Site: {site}); the dashboard takes changes from its own pages only.";
        }
        var origin = request.Headers.Origin;
        if (origin.Count > 0 && !string.Equals(origin.ToString(), $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase))
        {
            return $"This {request.Method} comes from another origin ({origin}); the dashboard takes changes from {request.Scheme}://{request.Host.Value} only.";
        }
        return null;
    }
}
