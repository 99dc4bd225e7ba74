using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pos.Api.Auth;
using Pos.Api.Commands;
using Pos.Contracts.Problems;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Idempotency;

/// <summary>
/// The same command pipeline behind a single route with an Idempotency-Key and behind a device's batch with a
/// commandId: a repeat is answered as the first time and writes nothing, another command under a used key is refused
/// and writes nothing, and the policy point refuses before anything runs.
/// </summary>
public sealed class OneRepeatPathTests(OneRepeatPathTests.Fixture fixture) : IClassFixture<OneRepeatPathTests.Fixture>
{
    public static TheoryData<string> Entrances => ["route", "batch"];

    [Theory]
    [MemberData(nameof(Entrances))]
    public async Task A_repeat_gets_the_first_answer_another_command_under_the_key_is_refused_and_neither_writes(string entrance)
    {
        var orderId = Guid.NewGuid();
        (await fixture.Till.OpenAsync(orderId)).EnsureSuccessStatusCode();
        var key = $"{entrance}-{Guid.NewGuid()}";
        var line = new { lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1 };

        var first = await fixture.SendAsync(entrance, key, "add-line", orderId, line);
        var head = await fixture.HeadSeqAsync();
        var again = await fixture.SendAsync(entrance, key, "add-line", orderId, line);
        var other = await fixture.SendAsync(entrance, key, "add-line", orderId, new { lineId = Guid.NewGuid(), menuItemId = "ipa", quantity = 2 });

        Assert.Equal((200, null, 2), (first.Status, first.Code, first.Version));
        Assert.Equal((200, null, 2), (again.Status, again.Code, again.Version));
        Assert.Equal(first.Order, again.Order);
        Assert.Equal((422, "idempotency-key-reused"), (other.Status, other.Code));
        Assert.Equal(head, await fixture.HeadSeqAsync());
        Assert.Equal(1, (await fixture.Till.GetJsonAsync($"/api/v1/orders/{orderId}")).GetProperty("lines").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Entrances))]
    public async Task A_command_the_policy_refuses_is_403_and_nothing_runs(string entrance)
    {
        var orderId = Guid.NewGuid();
        var lineId = Guid.NewGuid();
        (await fixture.Till.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await fixture.Till.AddLineAsync(orderId, lineId, "burger", 1)).EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();

        var refused = await fixture.SendAsync(entrance, $"void-{Guid.NewGuid()}", "void-line", orderId, new { lineId, reason = "test" });

        Assert.Equal((403, "permission-denied"), (refused.Status, refused.Code));
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task The_menu_and_printer_routes_ask_the_same_policy_point_before_anything_runs()
    {
        var head = await fixture.HeadSeqAsync();

        using var menu = await fixture.Till.PutAsJsonAsync("/api/v1/menu", PosClient.Menu());
        using var printer = await fixture.Till.PutAsJsonAsync("/api/v1/printers/kitchen-1",
            new { name = "Kitchen", host = "127.0.0.1", port = 9100, station = "kitchen" });

        Assert.Equal((HttpStatusCode.Forbidden, "permission-denied"), (menu.StatusCode, (await menu.JsonAsync()).GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "permission-denied"), (printer.StatusCode, (await printer.JsonAsync()).GetProperty("code").GetString()));
        // Refused by the permission table at the route: only the refusals were journaled.
        var since = (await fixture.Admin.GetJsonAsync($"/api/v1/journal?after={head}")).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["PermissionRefused", "PermissionRefused"], since.Select(e => e.GetProperty("type").GetString()));
    }

    /// <summary>An answer as either entrance gives it: status, problem code, order version and the order's JSON.</summary>
    public sealed record Answer(int Status, string? Code, int? Version, string? Order);

    /// <summary>An appliance whose policy refuses voids to till-1, and till-1 itself.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private ApplianceFactory _appliance = null!;
        private HttpClient _admin = null!;

        public HttpClient Till { get; private set; } = null!;

        public HttpClient Admin => _admin;

        public async Task InitializeAsync()
        {
            _appliance = await ApplianceFactory.StartAsync(services: s => s.AddSingleton<ICommandPolicy>(new NoVoids()));
            _admin = _appliance.NewClient();
            (await _admin.PutMenuAsync()).EnsureSuccessStatusCode();
            Till = _appliance.NewClient(await _admin.RegisterDeviceAsync("till-1"));
        }

        public async Task DisposeAsync()
        {
            Till.Dispose();
            _admin.Dispose();
            await _appliance.DisposeAsync();
        }

        public async Task<long> HeadSeqAsync() =>
            (await _admin.GetJsonAsync("/api/v1/journal?after=0&limit=1")).GetProperty("headSeq").GetInt64();

        public async Task<Answer> SendAsync(string entrance, string key, string type, Guid orderId, object payload)
        {
            if (entrance == "route")
            {
                var path = type switch
                {
                    "add-line" => $"/api/v1/orders/{orderId}/lines",
                    "void-line" => $"/api/v1/orders/{orderId}/lines/{JsonSerializer.SerializeToElement(payload).GetProperty("lineId")}/void",
                    _ => throw new ArgumentOutOfRangeException(nameof(type)),
                };
                var body = type == "void-line" ? new { reason = "test" } : payload;
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await Till.SendAsync(request);
                var json = await response.JsonAsync();
                return response.IsSuccessStatusCode
                    ? new Answer((int)response.StatusCode, null, json.GetProperty("version").GetInt32(), json.GetRawText())
                    : new Answer((int)response.StatusCode, json.GetProperty("code").GetString(), null, null);
            }
            var command = new { commandId = key, type, orderId, issuedAt = DateTimeOffset.Parse("2026-12-02T18:00:00+01:00"), payload };
            using var batch = await Till.PostAsJsonAsync("/api/v1/sync/commands", new { deviceId = "till-1", commands = new[] { command } });
            batch.EnsureSuccessStatusCode();
            var result = (await batch.JsonAsync()).GetProperty("results")[0];
            if (result.GetProperty("problem") is { ValueKind: JsonValueKind.Object } problem)
            {
                return new Answer(problem.GetProperty("status").GetInt32(), problem.GetProperty("code").GetString(), null, null);
            }
            return new Answer(200, null, result.GetProperty("version").GetInt32(), result.GetProperty("order").GetRawText());
        }
    }

    /// <summary>Refuses voids to everyone, and the menu and the printers to till-1 (a server, refused them by the table too).</summary>
    private sealed class NoVoids : ICommandPolicy
    {
        public ValueTask<PermissionRefusal?> AuthorizeAsync(CommandSender sender, string command) =>
            ValueTask.FromResult(command == "void-line" || (sender.User.DeviceId() == "till-1" && command is "replace-menu" or "configure-printer" or "reprint")
                ? new PermissionRefusal("test.nothing", new CommandError(ErrorCodes.PermissionDenied, $"{sender.User.DeviceId()} may not {command} here.", "test.nothing"))
                : null);

        public bool MayVoidFiredLines(CommandSender sender) => false;

        public Task RecordRefusalAsync(CommandSender sender, string permission, string command) => Task.CompletedTask;
    }
}
