using System.Net;
using System.Text.RegularExpressions;
using Pos.StaffApp.Tests.Browser;

namespace Pos.StaffApp.Tests.Serving;

/// <summary>How the appliance serves the published app: encodings, content types, cache headers, client routes.</summary>
[Collection(StaffAppCollection.Name)]
public sealed partial class ServingTests(StaffAppRig rig)
{
    [Fact]
    public async Task Index_html_is_served_at_the_root_and_at_client_routes_and_revalidated_on_every_load()
    {
        using var http = Raw();
        foreach (var path in new[] { "/", "/pair", "/orders/12" })
        {
            using var answer = await http.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
            Assert.True(answer.Headers.CacheControl?.NoCache, $"{path}: {answer.Headers.CacheControl}");
            Assert.Contains("<div id=\"app\">", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_appliances_own_routes_never_fall_back_to_the_app()
    {
        using var http = Raw();
        foreach (var path in new[] { "/api/v1/no-such-route", "/health/nothing", "/swagger/nothing", "/openapi/nothing", "/_framework/missing" })
        {
            using var answer = await http.GetAsync(path);

            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.NotEqual("text/html", answer.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_appliances_routes_keep_their_405_and_415_with_the_app_published()
    {
        using var admin = rig.NewAdminClient();
        using (var delete = await admin.DeleteAsync("/api/v1/menu"))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        }
        using (var text = await admin.PostAsync("/api/v1/sync/commands", new StringContent("hello", System.Text.Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        }
    }

    [Fact]
    public async Task Fingerprinted_framework_files_are_sent_brotli_compressed_as_wasm_and_cached_for_good()
    {
        using var http = Raw();
        var wasm = await FrameworkFileAsync(http, "dotnet.native.", ".wasm");

        using var request = new HttpRequestMessage(HttpMethod.Get, wasm);
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var answer = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/wasm", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["br"], answer.Content.Headers.ContentEncoding);
        Assert.Equal(TimeSpan.FromDays(365), answer.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", answer.Headers.CacheControl!.Extensions.Select(e => e.Name));
    }

    [Fact]
    public async Task The_service_worker_and_the_app_manifest_are_revalidated_and_typed()
    {
        using var http = Raw();

        using var worker = await http.GetAsync("/service-worker.js");
        using var manifest = await http.GetAsync("/manifest.webmanifest");

        Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
        Assert.Equal("text/javascript", worker.Content.Headers.ContentType?.MediaType);
        Assert.True(worker.Headers.CacheControl?.NoCache);
        Assert.Contains("service-worker-assets.js", await worker.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_apps_own_files_name_no_outside_address()
    {
        var wwwroot = Path.Combine(RepoPaths.Root, "StaffApp", "wwwroot");
        var files = Directory.EnumerateFiles(wwwroot, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".html" or ".css" or ".js" or ".webmanifest" or ".json")
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var outside = OutsideAddress().Matches(File.ReadAllText(file)).Select(m => m.Value).ToList();
            Assert.True(outside.Count == 0, $"{Path.GetRelativePath(wwwroot, file)} names {string.Join(", ", outside)}");
        }
    }

    // An absolute address, or a protocol-relative one, anywhere in a file: the app loads only from where it came from.
    [GeneratedRegex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideAddress();

    private HttpClient Raw() => new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = rig.BaseAddress };

    private static async Task<string> FrameworkFileAsync(HttpClient http, string prefix, string suffix)
    {
        var assets = await http.GetStringAsync("/service-worker-assets.js");
        return Regex.Match(assets, $"\"(_framework/{Regex.Escape(prefix)}[a-z0-9]+{Regex.Escape(suffix)})\"").Groups[1].Value is { Length: > 0 } url
            ? "/" + url
            : throw new InvalidOperationException($"No _framework/{prefix}*{suffix} in the published asset list.");
    }
}
