using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pos.Api.Events;
using Pos.Tests.Shared;
using Xunit.Abstractions;

namespace Pos.Appliance.Tests.Events;

/// <summary>One appliance whose event streams keep their own clock (keep-alives), with the test menu.</summary>
public sealed class EventsFixture : IAsyncLifetime
{
    public FakeTimeProvider StreamTime { get; } = new(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
    public ApplianceFactory Appliance { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Appliance = await ApplianceFactory.StartAsync(services: s => s.AddSingleton(new EventStreamOptions { Time = StreamTime }));
        Admin = Appliance.NewClient();
        await Admin.PutMenuAsync();
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Appliance.DisposeAsync();
    }

    public async Task<long> HeadSeqAsync() =>
        (await Admin.GetJsonAsync("/api/v1/journal?after=0&limit=1")).GetProperty("headSeq").GetInt64();
}

/// <summary>GET /api/v1/events on a real appliance and PostgreSQL, read over real sockets.</summary>
public sealed class EventStreamTests(EventsFixture fixture, ITestOutputHelper output) : IClassFixture<EventsFixture>
{
    private readonly HttpClient _admin = fixture.Admin;

    [Fact]
    public async Task An_event_written_while_the_stream_is_open_arrives_at_once_as_the_journal_gives_it()
    {
        await using var stream = await EventStreamReader.OpenWhenFreeAsync(_admin);
        var opening = await stream.NextBlockAsync();
        Assert.Equal("2000", opening.Retry);
        Assert.Equal(await fixture.HeadSeqAsync(), opening.Seq); // starts at the head: only new events
        Assert.Equal("no-store", stream.Response.Headers.CacheControl?.ToString());

        var orderId = Guid.NewGuid();
        var clock = Stopwatch.StartNew();
        (await _admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
        var opened = await stream.NextEventAsync(TimeSpan.FromSeconds(5));
        output.WriteLine($"arrived {clock.ElapsedMilliseconds} ms after the command was sent");

        Assert.Equal("OrderOpened", opened.Event);
        var fromJournal = (await _admin.GetJsonAsync($"/api/v1/journal?after={opened.Seq - 1}&limit=1")).GetProperty("events")[0];
        Assert.Equal(fromJournal.GetRawText(), opened.Data);
        Assert.Equal($"order-{orderId}", opened.Json.GetProperty("streamId").GetString());
        Assert.Equal(opened.Seq, opened.Json.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Resuming_with_Last_Event_ID_gives_every_event_after_it_once_across_reconnects_while_events_are_written()
    {
        using var phone = fixture.Appliance.NewClient(await _admin.RegisterDeviceAsync("events-walking-phone"));
        var start = await fixture.HeadSeqAsync();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var orderId = Guid.NewGuid();
                (await _admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
                (await _admin.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();
            }
        });

        var seen = new List<long>();
        var last = start;
        var connections = 0;
        // Each order is two events (OrderOpened, LineAdded): the stream is read until the last of them.
        var end = start + 50;
        while (last < end)
        {
            // The first connection says where with after; each reconnect sends after=0 too, and Last-Event-ID wins.
            await using var stream = connections++ == 0
                ? await EventStreamReader.OpenWhenFreeAsync(phone, $"?after={start}")
                : await EventStreamReader.OpenWhenFreeAsync(phone, "?after=0", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var opening = await stream.NextBlockAsync();
            Assert.Equal(last, opening.Seq);
            // A few events per connection, then the client drops it, as a phone walking past the walk-in would.
            for (var i = 0; i < 7 && last < end; i++)
            {
                EventBlock e;
                try
                {
                    // Generous: the whole suite shares two cores, and a command may take seconds then.
                    e = await stream.NextEventAsync(TimeSpan.FromSeconds(30));
                }
                catch (TimeoutException timeout)
                {
                    throw new TimeoutException(
                        $"connection {connections}: no event after {last} (head {await fixture.HeadSeqAsync()}, writer {writer.Status})", timeout);
                }
                seen.Add(e.Seq);
                last = e.Seq;
            }
        }
        await writer;

        Assert.Equal(end, await fixture.HeadSeqAsync());
        output.WriteLine($"{seen.Count} events over {connections} connections");
        Assert.True(connections > 3, $"only {connections} connections");
        Assert.Equal(Enumerable.Range(0, (int)(end - start)).Select(i => start + 1 + i), seen);
    }

    [Fact]
    public async Task Streams_gives_only_the_events_of_the_kinds_asked_for()
    {
        var start = await fixture.HeadSeqAsync();
        await using var menus = await EventStreamReader.OpenWhenFreeAsync(_admin, $"?after={start}&streams=menu");
        await using var orders = await EventStreamReader.OpenWhenFreeAsync(_admin, $"?after={start}&streams=order,business-day");

        var orderId = Guid.NewGuid();
        (await _admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
        await _admin.PutMenuAsync();
        var second = Guid.NewGuid();
        (await _admin.OpenAsync(second)).EnsureSuccessStatusCode();

        var menu = await menus.NextEventAsync();
        Assert.Equal("menu", menu.Json.GetProperty("streamId").GetString());
        Assert.Equal($"order-{orderId}", (await orders.NextEventAsync()).Json.GetProperty("streamId").GetString());
        Assert.Equal($"order-{second}", (await orders.NextEventAsync()).Json.GetProperty("streamId").GetString());
        // The menu's stream went on past the second order without giving it: a menu change after it is its next event.
        await _admin.PutMenuAsync();
        Assert.Equal("menu", (await menus.NextEventAsync()).Json.GetProperty("streamId").GetString());
    }

    [Theory]
    [InlineData("?after=-1", "after")]
    [InlineData("?after=soon", "after")]
    [InlineData("?streams=orders", "streams")]
    [InlineData("?streams=order,,menu", "streams")]
    [InlineData("?after=999999999", "after")] // past the journal's head: a seq it never gave
    public async Task A_bad_after_or_streams_is_400_naming_it(string query, string field)
    {
        using var response = await _admin.GetAsync("/api/v1/events" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task A_bad_Last_Event_ID_is_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events") { Headers = { { "Last-Event-ID", "abc" } } };
        using var response = await _admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("Last-Event-ID", out _));
    }

    [Fact]
    public async Task Without_a_token_or_with_a_wrong_one_it_is_401_and_a_token_in_the_query_is_not_taken()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Appliance.BaseAddress };
        using (var response = await anonymous.GetAsync("/api/v1/events"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("unauthorized", (await response.JsonAsync()).GetProperty("code").GetString());
        }
        using (var response = await anonymous.GetAsync($"/api/v1/events?access_token={ApplianceFactory.AdminToken}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using var wrong = fixture.Appliance.NewClient("not-a-token-of-this-appliance-events");
        using (var response = await wrong.GetAsync("/api/v1/events"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_quiet_stream_sends_a_keep_alive_every_15_seconds_of_its_clock_and_an_event_resets_it()
    {
        await using var stream = await EventStreamReader.OpenWhenFreeAsync(_admin);
        await stream.NextBlockAsync(); // the opening

        fixture.StreamTime.Advance(TimeSpan.FromSeconds(14));
        (await _admin.OpenAsync(Guid.NewGuid())).EnsureSuccessStatusCode();
        var opened = await stream.NextBlockAsync();
        Assert.Equal("OrderOpened", opened.Event); // 14 s: no keep-alive before it

        fixture.StreamTime.Advance(TimeSpan.FromSeconds(14));
        (await _admin.OpenAsync(Guid.NewGuid())).EnsureSuccessStatusCode();
        Assert.Equal("OrderOpened", (await stream.NextBlockAsync()).Event); // 14 s after the last event: still none

        fixture.StreamTime.Advance(TimeSpan.FromSeconds(15));
        var keepAlive = await stream.NextBlockAsync();
        Assert.Equal(["keep-alive"], keepAlive.Comments);
        Assert.Null(keepAlive.Data);
        fixture.StreamTime.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(["keep-alive"], (await stream.NextBlockAsync()).Comments);
    }

    [Fact]
    public async Task A_revoked_device_s_open_stream_ends_at_once()
    {
        const string deviceId = "events-revoked-phone";
        using var device = fixture.Appliance.NewClient(await _admin.RegisterDeviceAsync(deviceId));
        await using var stream = await EventStreamReader.OpenWhenFreeAsync(device);
        await stream.NextBlockAsync(); // the opening

        using (var revoke = await _admin.DeleteAsync($"/api/v1/devices/{deviceId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        // The revocation is a commit: the stream wakes, finds its token forgotten and ends, without a further event.
        await Assert.ThrowsAsync<EndOfStreamException>(async () =>
        {
            while (true)
            {
                var block = await stream.NextBlockAsync(TimeSpan.FromSeconds(10));
                Assert.Null(block.Data);
            }
        });
    }

    [Fact]
    public async Task A_device_at_eight_streams_whose_sockets_went_silent_gets_a_ninth_and_its_oldest_is_ended()
    {
        var token = await _admin.RegisterDeviceAsync("events-back-from-the-fridge");
        using var device = fixture.Appliance.NewClient(token);
        // Eight streams over raw sockets that then go silent, as a phone's do when its Wi-Fi drops without a FIN: the
        // server cannot tell them from live ones.
        var silent = new List<Socket>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                silent.Add(await OpenSilentStreamAsync(token));
            }
            await using var admins = await EventStreamReader.OpenWhenFreeAsync(_admin); // another device's stream

            // The phone is back: its ninth stream is served, and its oldest is ended (its connection dropped).
            await using var ninth = await EventStreamReader.OpenAsync(device);
            await ninth.NextBlockAsync();
            await EndsAsync(silent[0]);
            await using var tenth = await EventStreamReader.OpenAsync(device);
            await tenth.NextBlockAsync();
            await EndsAsync(silent[1]);

            // The newest streams, and the other device's, go on.
            var orderId = Guid.NewGuid();
            (await _admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
            foreach (var reader in new[] { ninth, tenth, admins })
            {
                Assert.Equal($"order-{orderId}", (await reader.NextEventAsync()).Json.GetProperty("streamId").GetString());
            }
            Assert.True(silent[2].Connected);
        }
        finally
        {
            silent.ForEach(s => s.Dispose());
        }
    }

    /// <summary>Opens the device's stream on a raw socket, reads its head and opening, and leaves it there.</summary>
    private async Task<Socket> OpenSilentStreamAsync(string token)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, fixture.Appliance.BaseAddress.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\r\n"));
        var head = new StringBuilder();
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!head.ToString().Contains("retry:", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            Assert.True(read > 0, $"the stream closed: {head}");
            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        Assert.StartsWith("HTTP/1.1 200", head.ToString(), StringComparison.Ordinal);
        return socket;
    }

    /// <summary>The server ends the connection: reading it comes to its end (or a reset) before the deadline.</summary>
    private static async Task EndsAsync(Socket socket)
    {
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token) > 0)
            {
                // What the stream sent before it ended.
            }
        }
        catch (SocketException)
        {
            // Reset: ended too.
        }
    }

    [Fact]
    public async Task A_client_that_stops_reading_does_not_hold_up_other_streams_or_requests()
    {
        // A raw client with a tiny receive window that asks for the whole journal and never reads a byte of it.
        using var stuck = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 1024 };
        await stuck.ConnectAsync(IPAddress.Loopback, fixture.Appliance.BaseAddress.Port);
        var token = await _admin.RegisterDeviceAsync("events-stuck-reader");
        var request = $"GET /api/v1/events?after=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\r\n";
        await stuck.SendAsync(Encoding.ASCII.GetBytes(request));

        // Enough events with long notes to fill the stuck client's window and the server's buffers many times.
        var orderId = Guid.NewGuid();
        (await _admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
        var note = new string('n', 140);
        for (var i = 0; i < 40; i++)
        {
            using var line = await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines",
                new { lineId = Guid.NewGuid(), menuItemId = "fries", quantity = 1, note, modifiers = Enumerable.Repeat(new string('m', 60), 20).ToArray() });
            line.EnsureSuccessStatusCode();
        }

        await using var reader = await EventStreamReader.OpenWhenFreeAsync(_admin);
        await reader.NextBlockAsync();
        var next = Guid.NewGuid();
        (await _admin.OpenAsync(next)).EnsureSuccessStatusCode();
        Assert.Equal($"order-{next}", (await reader.NextEventAsync(TimeSpan.FromSeconds(5))).Json.GetProperty("streamId").GetString());
        using var menu = await _admin.GetAsync("/api/v1/menu");
        Assert.Equal(HttpStatusCode.OK, menu.StatusCode);
    }
}
