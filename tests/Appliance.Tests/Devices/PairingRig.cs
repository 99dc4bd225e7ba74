using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pos.Grains.Clock;
using Pos.Hosting.Access;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Devices;

/// <summary>
/// An appliance whose failed-authentication limit runs on the store's fake clock (so a test moves both the codes'
/// expiry and the limit's cool-down), with every log line it writes captured, and helpers to make codes and pair.
/// </summary>
public sealed class PairingRig : IAsyncLifetime
{
    public ApplianceFactory Appliance { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Appliance = await ApplianceFactory.StartAsync(services: s =>
        {
            s.AddSingleton(sp => new FailedAuthentications(sp.GetRequiredService<StoreClock>().Time, new FailedAuthenticationLimits()));
            s.AddSingleton<ILoggerProvider>(Logs);
        });
        Admin = Appliance.NewClient();
        await Admin.PutMenuAsync();
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Appliance.DisposeAsync();
    }

    /// <summary>A client with no token, from the given loopback address.</summary>
    public HttpClient Phone(string from = "127.0.0.1") => Pos.Tools.LoopbackAddress.NewClient(from, Appliance.BaseAddress);

    /// <summary>Makes a code as <paramref name="by"/>; returns the answer's body.</summary>
    public static async Task<JsonElement> CreateCodeAsync(HttpClient by, string role = "server", string? name = null)
    {
        using var response = await by.PostAsJsonAsync("/api/v1/pairing-codes", new { role, name });
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating a code answered {(int)response.StatusCode}: {body}");
        return body;
    }

    public static Task<HttpResponseMessage> PairAsync(HttpClient phone, string code, string? name = "Pixel") =>
        phone.PostAsJsonAsync("/api/v1/pairing", new { code, name });

    /// <summary>Pairs and returns the answer's body (deviceId, token, role, name).</summary>
    public static async Task<JsonElement> PairedAsync(HttpClient phone, string code, string? name = "Pixel")
    {
        using var response = await PairAsync(phone, code, name);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"pairing answered {(int)response.StatusCode}: {body}");
        return body;
    }
}

/// <summary>Every log line the appliance writes, at any level.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {state} {exception}");
    }
}
