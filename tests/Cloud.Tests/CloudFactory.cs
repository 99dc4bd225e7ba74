using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Pos.Tests.Shared;

namespace Pos.Cloud.Tests;

/// <summary>One cloud silo in the test process, on real Kestrel sockets and a PostgreSQL database of its own.</summary>
public sealed class CloudFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-hq-token-at-least-32-characters";

    private readonly int _port = FreePort.Next();
    private readonly string _dataDir = Directory.CreateTempSubdirectory("pos-cloud-test-").FullName;

    private readonly Action<IServiceCollection>? _services;

    private CloudFactory(string connectionString, Action<IServiceCollection>? services)
    {
        ConnectionString = connectionString;
        _services = services;
        UseKestrel(_port);
    }

    public string ConnectionString { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    /// <summary>
    /// Starts a silo; <paramref name="services"/> replaces services after the cloud registered its own (e.g. smaller
    /// limits); <paramref name="connectionString"/> is the database of a cloud started before (a restart), else a new one.
    /// </summary>
    public static async Task<CloudFactory> StartAsync(Action<IServiceCollection>? services = null, string? connectionString = null)
    {
        var factory = await StartServerAsync(services, connectionString);
        using var client = factory.NewClient();
        await Poll.UntilAsync(() => client.GetAsync("/health/live"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the cloud to be up");
        return factory;
    }

    /// <summary>
    /// A free port can be taken by someone else between the probe and the bind (another test's outgoing connection):
    /// then the cloud starts again on other ports and a database of its own, a few times at most.
    /// </summary>
    private static async Task<CloudFactory> StartServerAsync(Action<IServiceCollection>? services, string? connectionString)
    {
        for (var attempt = 1; ; attempt++)
        {
            var factory = new CloudFactory(connectionString ?? await TestPostgres.CreateDatabaseAsync("cloud"), services);
            try
            {
                factory.StartServer();
                return factory;
            }
            catch (Exception e) when (attempt < 3 && PortTaken(e))
            {
                await factory.DisposeAsync();
            }
        }
    }

    private static bool PortTaken(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }
        return false;
    }

    public HttpClient NewClient(string? token = AdminToken)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("POS_CLOUD_DB", ConnectionString);
        builder.UseSetting("POS_DATA", _dataDir);
        builder.UseSetting("POS_CLOUD_ADMIN_TOKEN", AdminToken);
        builder.UseSetting("POS_CLOUD_URLS", BaseAddress.ToString());
        builder.UseSetting("POS_CLOUD_SILO_PORT", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("POS_CLOUD_GATEWAY_PORT", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        if (_services is { } services)
        {
            builder.ConfigureTestServices(services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
