using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Pos.Tests.Shared;

namespace Pos.Cloud.Tests;

/// <summary>One cloud silo in the test process, on real Kestrel sockets and a PostgreSQL database of its own.</summary>
public sealed class CloudFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-hq-token";

    private readonly int _port = FreePort.Next();
    private readonly string _dataDir = Directory.CreateTempSubdirectory("pos-cloud-test-").FullName;

    private CloudFactory(string connectionString)
    {
        ConnectionString = connectionString;
        UseKestrel(_port);
    }

    public string ConnectionString { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    public static async Task<CloudFactory> StartAsync()
    {
        var factory = new CloudFactory(await TestPostgres.CreateDatabaseAsync("cloud"));
        factory.StartServer();
        using var client = factory.NewClient();
        await Poll.UntilAsync(() => client.GetAsync("/health/live"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the cloud to be up");
        return factory;
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
