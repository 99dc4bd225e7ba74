using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Pos.Appliance.Hosting;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Transport;

/// <summary>
/// The transport limits an appliance on a shared LAN keeps, on by default and set by POS_* variables: writes per device
/// (429 too-many-writes with Retry-After, for that device alone; reads, the event stream and the admin untouched), a
/// client that sends its headers or its body too slowly is cut, and a body past its limit is 413.
/// </summary>
public sealed class TransportLimitsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_device_over_its_write_rate_gets_429_while_another_device_its_reads_and_the_admin_are_unaffected()
    {
        await using var appliance = await ApplianceFactory.StartAsync(settings: new Dictionary<string, string>
        {
            ["POS_WRITE_RATE"] = "1",
            ["POS_WRITE_BURST"] = "5",
        });
        using var admin = appliance.NewClient();
        await admin.PutMenuAsync();
        using var fast = appliance.NewClient(await admin.RegisterDeviceAsync("till-fast"));
        using var other = appliance.NewClient(await admin.RegisterDeviceAsync("till-other"));
        var head = await HeadAsync(admin);

        // The fast device opens orders as quickly as it can: its burst, then about one a second, then 429.
        var started = Stopwatch.StartNew();
        var accepted = 0;
        HttpResponseMessage? refused = null;
        while (refused is null && accepted < 50)
        {
            var response = await fast.OpenAsync(Guid.NewGuid());
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
                break;
            }
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            response.Dispose();
            accepted++;
        }
        using (refused)
        {
            Assert.NotNull(refused);
            Assert.InRange(accepted, 5, 5 + (int)Math.Ceiling(started.Elapsed.TotalSeconds) + 1);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.JsonAsync();
            Assert.Equal("too-many-writes", problem.GetProperty("code").GetString());
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        }
        // What was refused wrote nothing: one event per order accepted.
        Assert.Equal(head + accepted, await HeadAsync(admin));

        // While it is limited, its reads and its event stream are served...
        using (var orders = await fast.GetAsync("/api/v1/orders?status=open"))
        using (var menu = await fast.GetAsync("/api/v1/menu"))
        {
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (orders.StatusCode, menu.StatusCode));
        }
        using (var stream = await fast.GetAsync("/api/v1/events?after=0", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        }
        // ... and the other device and the admin write as usual.
        for (var i = 0; i < 5; i++)
        {
            using var response = await other.OpenAsync(Guid.NewGuid());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        for (var i = 0; i < 20; i++)
        {
            using var response = await admin.OpenAsync(Guid.NewGuid());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        // Once its tokens come back, the fast device writes again.
        (await Poll.UntilAsync(() => fast.OpenAsync(Guid.NewGuid()), r => r.StatusCode == HttpStatusCode.Created, Patience,
            "the fast device to write again")).Dispose();
    }

    [Fact]
    public async Task A_client_that_sends_its_headers_too_slowly_is_cut()
    {
        await using var appliance = await ApplianceFactory.StartAsync(settings: new Dictionary<string, string> { ["POS_HEADERS_TIMEOUT_SECONDS"] = "1" });
        using var tcp = await ConnectAsync(appliance);
        var started = Stopwatch.StartNew();
        // A request line and one header, and then nothing: the end of the headers never comes.
        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        var answer = await ReadUntilClosedAsync(tcp);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"cut after {started.Elapsed}");
        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_sends_its_body_too_slowly_is_cut_with_408()
    {
        await using var appliance = await ApplianceFactory.StartAsync(settings: new Dictionary<string, string>
        {
            ["POS_MIN_BODY_RATE"] = "100",
            ["POS_BODY_RATE_GRACE_SECONDS"] = "2",
        });
        using var tcp = await ConnectAsync(appliance);
        var started = Stopwatch.StartNew();
        // A body of 4,000 bytes announced, 20 sent, and then nothing.
        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(
            "POST /api/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            $"Authorization: Bearer {ApplianceFactory.AdminToken}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n" +
            "{\"orderId\":\"00000000"));
        var answer = await ReadUntilClosedAsync(tcp);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(12), $"cut after {started.Elapsed}");
        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"request-timeout\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_past_the_limit_set_is_refused_with_413()
    {
        await using var appliance = await ApplianceFactory.StartAsync(settings: new Dictionary<string, string> { ["POS_BODY_LIMIT_KB"] = "1" });
        using var admin = appliance.NewClient();
        using var small = await admin.OpenAsync(Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
        // The same request with 2 KB of spaces in its JSON.
        using var large = await admin.PostAsync("/api/v1/orders", new StringContent(
            $"{{\"orderId\":\"{Guid.NewGuid()}\",{new string(' ', 2048)}\"channel\":\"takeout\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("body-too-large", (await large.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public void The_limits_are_on_by_default_and_each_is_read_from_its_variable()
    {
        var defaults = TransportSettings.From(new ConfigurationBuilder().Build());
        Assert.Equal(new TransportSettings(), defaults);
        Assert.Equal((64L * 1024, 4L * 1024 * 1024, 32 * 1024), (defaults.CommandBodyBytes, defaults.BulkBodyBytes, defaults.HeadersBytes));
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(120), 240, 20, 100),
            (defaults.HeadersTimeout, defaults.KeepAlive, defaults.MinBodyBytesPerSecond, defaults.WritesPerSecond, defaults.WriteBurst));

        var set = TransportSettings.From(Config(new()
        {
            ["POS_BODY_LIMIT_KB"] = "16", ["POS_BULK_BODY_LIMIT_KB"] = "1024", ["POS_HEADERS_LIMIT_KB"] = "8",
            ["POS_HEADERS_TIMEOUT_SECONDS"] = "5", ["POS_KEEPALIVE_SECONDS"] = "30", ["POS_MIN_BODY_RATE"] = "0",
            ["POS_BODY_RATE_GRACE_SECONDS"] = "3", ["POS_WRITE_RATE"] = "0", ["POS_WRITE_BURST"] = "10",
        }));
        Assert.Equal(new TransportSettings
        {
            CommandBodyBytes = 16 * 1024, BulkBodyBytes = 1024 * 1024, HeadersBytes = 8 * 1024, HeadersTimeout = TimeSpan.FromSeconds(5),
            KeepAlive = TimeSpan.FromSeconds(30), MinBodyBytesPerSecond = 0, MinBodyRateGrace = TimeSpan.FromSeconds(3), WritesPerSecond = 0, WriteBurst = 10,
        }, set);

        var wrong = Assert.Throws<FormatException>(() => TransportSettings.From(Config(new() { ["POS_WRITE_RATE"] = "fast" })));
        Assert.Contains("POS_WRITE_RATE", wrong.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => TransportSettings.From(Config(new() { ["POS_BODY_RATE_GRACE_SECONDS"] = "1" })));
    }

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static async Task<TcpClient> ConnectAsync(ApplianceFactory appliance)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(appliance.BaseAddress.Host, appliance.BaseAddress.Port);
        return tcp;
    }

    /// <summary>What the server sends until it closes the connection; fails when it keeps it open past <see cref="Patience"/>.</summary>
    private static async Task<string> ReadUntilClosedAsync(TcpClient tcp)
    {
        using var deadline = new CancellationTokenSource(Patience);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await tcp.GetStream().ReadAsync(buffer, deadline.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Reset rather than closed: cut all the same.
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the connection was still open after {Patience}");
        }
        return Encoding.ASCII.GetString(received.ToArray());
    }

    private static async Task<long> HeadAsync(HttpClient client) =>
        (await client.GetJsonAsync("/api/v1/journal?after=0&limit=1")).GetProperty("headSeq").GetInt64();
}
