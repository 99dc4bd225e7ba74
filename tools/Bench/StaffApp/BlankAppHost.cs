using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Pos.Bench.StaffApp;

/// <summary>
/// Serves the published empty Blazor WebAssembly app (tools/BlankApp) on a loopback port of its own, through
/// the same static-asset endpoints the appliance serves the staff app with (brotli, fingerprinted files cached for
/// good): the reload baseline that says what any app on this runtime costs before it does anything of its own.
/// </summary>
internal sealed class BlankAppHost : IAsyncDisposable
{
    public const string EndpointsManifest = "Pos.Bench.BlankApp.staticwebassets.endpoints.json";

    private readonly WebApplication _app;

    private BlankAppHost(WebApplication app, Uri url) => (_app, Url) = (app, url);

    public Uri Url { get; }

    /// <summary>Whether the empty app is published in <paramref name="folder"/>.</summary>
    public static bool IsPublishedIn(string folder) =>
        File.Exists(Path.Combine(folder, EndpointsManifest)) && File.Exists(Path.Combine(folder, "wwwroot", "index.html"));

    public static async Task<BlankAppHost> StartAsync(string folder, CancellationToken cancellationToken)
    {
        var wwwroot = Path.Combine(folder, "wwwroot");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder, WebRootPath = wwwroot });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Environment.WebRootFileProvider = new PhysicalFileProvider(wwwroot);
        // The app's one address is /: its document is index.html, as the appliance answers for the staff app.
        app.Use((http, next) =>
        {
            if (http.Request.Path == "/")
            {
                http.Request.Path = "/index.html";
            }
            return next(http);
        });
        app.UseRouting();
        app.MapStaticAssets(Path.Combine(folder, EndpointsManifest));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new BlankAppHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
