using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Chaos.Load;
using Pos.Tools;
using Pos.VirtualPrinter;

namespace Pos.Chaos.Stack;

/// <summary>
/// The whole store as the suite runs it: the store's PostgreSQL (crashable) and the appliance process on it, two
/// virtual printers (kitchen, bar) hosted here, a cloud of two silos on a PostgreSQL of its own, and between the
/// appliance and the cloud a proxy that balances over the silos and can cut the link.
/// </summary>
public sealed class ChaosStack : IAsyncDisposable
{
    public const string AdminToken = "chaos-admin-token-at-least-32-characters-long";
    public const string HqToken = "chaos-hq-admin-token-at-least-32-characters";
    public const string StoreId = "chaos";

    private ChaosStack(string dir)
    {
        Dir = dir;
    }

    public string Dir { get; }
    public ChaosPostgres StorePostgres { get; private set; } = null!;
    public ChaosPostgres CloudPostgres { get; private set; } = null!;
    public IReadOnlyList<RestartableServer> Silos { get; private set; } = [];
    public FaultProxy CloudLink { get; private set; } = null!;
    public RestartableServer Appliance { get; private set; } = null!;

    /// <summary>kitchen (0) and bar (1).</summary>
    public IReadOnlyList<VirtualPrinterHost> Printers { get; private set; } = [];

    public static readonly IReadOnlyList<string> PrinterIds = ["kitchen", "bar"];

    /// <summary>Starts everything in <paramref name="dir"/> (emptied first), the store linked to the cloud, menu and printers set.</summary>
    public static async Task<ChaosStack> StartAsync(string dir, string applianceDll, string cloudDll, Action<string> say, CancellationToken cancellationToken)
    {
        if (Directory.Exists(dir))
        {
            // A cluster an interrupted run left running there is stopped before its folder goes.
            ChaosPostgres.RemoveLeftover(Path.Combine(dir, "store-pg"));
            ChaosPostgres.RemoveLeftover(Path.Combine(dir, "cloud-pg"));
            Directory.Delete(dir, recursive: true);
        }
        Directory.CreateDirectory(dir);
        var stack = new ChaosStack(dir);
        try
        {
            await stack.StartAllAsync(applianceDll, cloudDll, say, cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync(string applianceDll, string cloudDll, Action<string> say, CancellationToken cancellationToken)
    {
        say("starting two PostgreSQL clusters (the store's and the cloud's)");
        var store = ChaosPostgres.StartFreshAsync(Path.Combine(Dir, "store-pg"), cancellationToken);
        var cloud = ChaosPostgres.StartFreshAsync(Path.Combine(Dir, "cloud-pg"), cancellationToken);
        StorePostgres = await store;
        CloudPostgres = await cloud;

        say("starting two cloud silos (one cluster)");
        var silos = new List<RestartableServer>();
        for (var i = 1; i <= 2; i++)
        {
            var port = Ports.Free();
            var baseAddress = new Uri($"http://127.0.0.1:{port}");
            var silo = new RestartableServer(cloudDll, new Dictionary<string, string>
            {
                ["POS_CLOUD_DB"] = CloudPostgres.ConnectionString,
                ["POS_DATA"] = Path.Combine(Dir, $"silo-{i}"),
                ["POS_CLOUD_ADMIN_TOKEN"] = HqToken,
                ["POS_CLOUD_URLS"] = baseAddress.ToString().TrimEnd('/'),
                ["POS_CLOUD_SILO_PORT"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
                ["POS_CLOUD_GATEWAY_PORT"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
                ["POS_CLOUD_CLUSTER_ID"] = "chaos",
                // 1 s liveness probes: a SIGKILLed silo is found dead in about 3 s.
                ["POS_CLOUD_PROBE_SECONDS"] = "1",
            }, Path.Combine(Dir, "logs"), $"cloud silo {i}", baseAddress, "/health/live");
            silos.Add(silo);
            // One after the other: the first creates the cloud's schema.
            await silo.StartAsync(cancellationToken);
        }
        Silos = silos;
        CloudLink = new FaultProxy([.. silos.Select(s => s.BaseAddress)]);

        using var hq = Client(Silos[0].BaseAddress, HqToken);
        using var created = await hq.PutAsJsonAsync($"/cloud/v1/stores/{StoreId}", new { name = "Chaos store", timeZone = "UTC" }, cancellationToken);
        var secret = (await ReadAsync(created, cancellationToken)).GetProperty("secret").GetString()!;

        Printers = [.. PrinterIds.Select(id => VirtualPrinterHost.Start(id))];

        say("starting the appliance on the store's PostgreSQL, linked to the cloud through the cut-able link");
        var appliancePort = Ports.Free();
        var applianceAddress = new Uri($"http://127.0.0.1:{appliancePort}");
        Appliance = new RestartableServer(applianceDll, new Dictionary<string, string>
        {
            ["POS_DATA"] = Path.Combine(Dir, "appliance"),
            ["POS_DB"] = StorePostgres.ConnectionString,
            ["POS_ADMIN_TOKEN"] = AdminToken,
            ["POS_URLS"] = applianceAddress.ToString().TrimEnd('/'),
            ["POS_SILO_PORT"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["POS_GATEWAY_PORT"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
            ["POS_TIMEZONE"] = "UTC",
            ["POS_CLOUD_URL"] = CloudLink.Address.ToString(),
            ["POS_STORE_ID"] = StoreId,
            ["POS_STORE_SECRET"] = secret,
            // Back in seconds after a cut, not the minute an operator's store waits at most.
            ["POS_SYNC_MAX_BACKOFF"] = "2",
        }, Path.Combine(Dir, "logs"), "appliance", applianceAddress, "/health/ready");
        await Appliance.StartAsync(cancellationToken);

        using var admin = Client(Appliance.BaseAddress, AdminToken);
        await SendAsync(admin, HttpMethod.Put, "/api/v1/menu", ChaosMenu.Request, cancellationToken);
        for (var i = 0; i < Printers.Count; i++)
        {
            await SendAsync(admin, HttpMethod.Put, $"/api/v1/printers/{PrinterIds[i]}",
                new { name = PrinterIds[i], host = "127.0.0.1", port = Printers[i].Port, station = PrinterIds[i] }, cancellationToken);
        }
    }

    /// <summary>A client of the appliance (or, with the HQ token, of a silo) with a bearer token.</summary>
    public static HttpClient Client(Uri baseAddress, string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient AdminClient() => Client(Appliance.BaseAddress, AdminToken);

    public HttpClient HqClient() => Client(Silos[0].BaseAddress, HqToken);

    /// <summary>Sends a JSON body and returns the answer's JSON; throws with the answer when it is not 2xx.</summary>
    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        }
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (Appliance is not null)
        {
            await Appliance.DisposeAsync();
        }
        if (CloudLink is not null)
        {
            await CloudLink.DisposeAsync();
        }
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }
        foreach (var printer in Printers)
        {
            await printer.DisposeAsync();
        }
        if (StorePostgres is not null)
        {
            await StorePostgres.DisposeAsync();
        }
        if (CloudPostgres is not null)
        {
            await CloudPostgres.DisposeAsync();
        }
    }
}
