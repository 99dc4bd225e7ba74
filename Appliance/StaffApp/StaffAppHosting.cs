using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Pos.Appliance.Hosting;

namespace Pos.Appliance.StaffApp;

/// <summary>
/// Serves the published staff app (StaffApp/, a Blazor WebAssembly PWA) at <c>/</c>: every file through the build's
/// static-asset endpoints (brotli or gzip as the browser accepts, its content type, ETag; fingerprinted files cached
/// for good, the rest revalidated each time), and index.html for any other address of the app, so a phone can
/// reload on any screen. The appliance's own routes (/api, /health, /swagger, /openapi, /hangfire) never fall back.
/// </summary>
public static partial class StaffAppHosting
{
    /// <summary>The file the staff app's publish writes beside its wwwroot: every route, its files and its headers.</summary>
    public const string EndpointsManifest = "Pos.StaffApp.staticwebassets.endpoints.json";

    private static readonly string[] ApplianceRoutes = ["/api", "/health", "/swagger", "/openapi", "/hangfire", "/_framework"];

    /// <summary>Whether the staff app is published in <paramref name="folder"/>.</summary>
    public static bool IsPublishedIn(string folder) =>
        File.Exists(Path.Combine(folder, EndpointsManifest)) && File.Exists(Path.Combine(folder, "wwwroot", "index.html"));

    public static WebApplication MapPosStaffApp(this WebApplication app, PosSettings settings)
    {
        var folder = settings.StaffAppDir;
        if (!IsPublishedIn(folder))
        {
            LogNotPublished(app.Logger, folder);
            app.MapGet("/", () => Results.Text(
                    $"The staff app is not published in {folder}. Build it with ./pos run (or dotnet publish StaffApp -c Release -o <folder>) and point POS_STAFF_APP at that folder.\n",
                    statusCode: StatusCodes.Status503ServiceUnavailable))
                .ExcludeFromDescription();
            return app;
        }
        var wwwroot = Path.Combine(folder, "wwwroot");
        // The static-asset endpoints read their files from the web root; the appliance has no other web content.
        app.Environment.WebRootPath = wwwroot;
        app.Environment.WebRootFileProvider = new PhysicalFileProvider(wwwroot);
        app.MapStaticAssets(Path.Combine(folder, EndpointsManifest));
        var index = Path.Combine(wwwroot, "index.html");
        // Not a fallback route: a route that takes every method and content type would hide routing's own 405 and 415
        // from the appliance's routes. Only a request routing matched to nothing comes here.
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint() is null && IsAppAddress(http.Request))
            {
                await ServeIndex(http, index).ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        return app;
    }

    /// <summary>
    /// An address of the app (/, /pair, /orders/12): a GET or HEAD of a path that names no file and is none of the
    /// appliance's own.
    /// </summary>
    private static bool IsAppAddress(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !Path.HasExtension(request.Path.Value)
        && !ApplianceRoutes.Any(route => request.Path.StartsWithSegments(route, StringComparison.OrdinalIgnoreCase));

    /// <summary>index.html, revalidated on every load so a new build reaches the phone.</summary>
    private static IResult ServeIndex(HttpContext http, string index)
    {
        http.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        http.Response.Headers[HeaderNames.Vary] = HeaderNames.AcceptEncoding;
        // The publish wrote index.html.br beside index.html; a browser that reads brotli gets it.
        var brotli = index + ".br";
        if (http.Request.Headers.AcceptEncoding.Any(e => e?.Contains("br", StringComparison.OrdinalIgnoreCase) == true) && File.Exists(brotli))
        {
            http.Response.Headers[HeaderNames.ContentEncoding] = "br";
            return Results.File(brotli, "text/html; charset=utf-8");
        }
        return Results.File(index, "text/html; charset=utf-8");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The staff app is not published in {Folder}: / answers 503 until it is (./pos run publishes it; POS_STAFF_APP says where it is)")]
    private static partial void LogNotPublished(ILogger logger, string folder);
}
