using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Api.Auth;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Permissions;

/// <summary>
/// A void of a line already fired needs <c>lines.void-fired</c>: refused for a server on its route and in its batch
/// (the rest of the batch runs), allowed for a manager, allowed for a server with a manager's approval; decided by the
/// order when the void applies. And a flood of refusals is journaled at most 10 a minute per device, the rest counted.
/// </summary>
public sealed class FiredLineVoidTests(PermissionRig rig) : IClassFixture<PermissionRig>
{
    [Fact]
    public async Task A_server_is_refused_the_void_of_a_fired_line_a_manager_is_not_and_a_pending_line_is_the_server_s_to_void()
    {
        var (orderId, lines) = await rig.OrderAsync("burger", "fries");
        await rig.FireAsync(orderId);
        var (_, pending) = await AddLineAsync(orderId);
        using var server = rig.Client(Roles.Server);
        using var manager = rig.Client(Roles.Manager);
        var head = await rig.HeadSeqAsync();

        using var refused = await VoidAsync(server, orderId, lines[0]);
        var problem = await refused.JsonAsync();
        Assert.Equal((HttpStatusCode.Forbidden, "permission-denied", "lines.void-fired"),
            (refused.StatusCode, problem.GetProperty("code").GetString(), problem.GetProperty("permission").GetString()));
        var journaled = Assert.Single(await rig.EventsAfterAsync(head));
        Assert.Equal(("PermissionRefused", "perm-server"), (journaled.GetProperty("type").GetString(), journaled.GetProperty("deviceId").GetString()));
        var data = journaled.GetProperty("data");
        Assert.Equal(("lines.void-fired", "command void-line", "server", true),
            (data.GetProperty("permission").GetString(), data.GetProperty("target").GetString(), data.GetProperty("role").GetString(), data.GetProperty("neededApproval").GetBoolean()));
        Assert.Equal("fired", await StatusOfAsync(orderId, lines[0]));

        using var pendingVoid = await VoidAsync(server, orderId, pending);
        Assert.Equal(HttpStatusCode.OK, pendingVoid.StatusCode);
        using var managerVoid = await VoidAsync(manager, orderId, lines[0]);
        Assert.Equal(HttpStatusCode.OK, managerVoid.StatusCode);
        Assert.Equal("voided", await StatusOfAsync(orderId, lines[0]));
    }

    [Fact]
    public async Task A_server_voids_a_fired_line_with_a_manager_s_approval_and_a_wrong_pin_is_refused_and_journaled()
    {
        var (orderId, lines) = await rig.OrderAsync("burger");
        await rig.FireAsync(orderId);
        using var server = rig.Client(Roles.Server);
        var head = await rig.HeadSeqAsync();

        using var wrongPin = await VoidAsync(server, orderId, lines[0], approval: "0000");
        Assert.Equal(HttpStatusCode.Forbidden, wrongPin.StatusCode);
        Assert.Equal("lines.void-fired", (await wrongPin.JsonAsync()).GetProperty("permission").GetString());
        Assert.Equal(["PermissionRefused"], (await rig.EventsAfterAsync(head)).Select(e => e.GetProperty("type").GetString()));

        using var approved = await VoidAsync(server, orderId, lines[0], approval: PermissionRig.ManagerPin);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("voided", await StatusOfAsync(orderId, lines[0]));
    }

    [Fact]
    public async Task In_a_server_s_batch_the_void_of_a_fired_line_is_rejected_unkept_and_the_rest_runs()
    {
        var (orderId, lines) = await rig.OrderAsync("burger");
        await rig.FireAsync(orderId);
        using var server = rig.Client(Roles.Server);
        var voidId = Guid.NewGuid().ToString();
        object Batch(string deviceId) => new
        {
            deviceId,
            commands = new object[]
            {
                Command(voidId, "void-line", orderId, new { lineId = lines[0], reason = "sent back" }),
                Command(Guid.NewGuid().ToString(), "add-line", orderId, new { lineId = Guid.NewGuid(), menuItemId = "soda", quantity = 1 }),
            },
        };

        var results = await SendBatchAsync(server, Batch("perm-server"));
        Assert.Equal(("rejected", "permission-denied", "lines.void-fired"),
            (results[0].GetProperty("outcome").GetString(), results[0].GetProperty("problem").GetProperty("code").GetString(),
             results[0].GetProperty("problem").GetProperty("permission").GetString()));
        Assert.Equal("applied", results[1].GetProperty("outcome").GetString());
        Assert.Equal("fired", await StatusOfAsync(orderId, lines[0]));

        // Not kept: the same command of the server's queue, sent by the admin (who may), runs.
        var again = await SendBatchAsync(rig.Admin, new { deviceId = "perm-server", commands = new[] { Command(voidId, "void-line", orderId, new { lineId = lines[0], reason = "sent back" }) } });
        Assert.Equal("applied", again[0].GetProperty("outcome").GetString());
        Assert.Equal("voided", await StatusOfAsync(orderId, lines[0]));
    }

    [Fact]
    public async Task A_flood_of_refusals_is_answered_every_time_and_journaled_ten_a_minute_the_rest_counted_into_the_next()
    {
        using var kitchen = rig.Client(Roles.Kitchen);
        var head = await rig.HeadSeqAsync();
        for (var i = 0; i < 25; i++)
        {
            using var refused = await kitchen.GetAsync("/api/v1/journal");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        var journaled = (await rig.EventsAfterAsync(head)).Where(e => e.GetProperty("deviceId").GetString() == "perm-kitchen").ToList();
        Assert.Equal(10, journaled.Count);
        Assert.All(journaled, e => Assert.Equal(0, e.GetProperty("data").GetProperty("notJournaledBefore").GetInt32()));

        rig.Appliance.Time.Advance(TimeSpan.FromMinutes(1));
        var before = await rig.HeadSeqAsync();
        using (var next = await kitchen.PutAsJsonAsync("/api/v1/menu", PosClient.Menu()))
        {
            Assert.Equal(HttpStatusCode.Forbidden, next.StatusCode);
        }
        var counted = Assert.Single(await rig.EventsAfterAsync(before));
        Assert.Equal(("menu.write", 15), (counted.GetProperty("data").GetProperty("permission").GetString(),
            counted.GetProperty("data").GetProperty("notJournaledBefore").GetInt32()));
    }

    private static object Command(string commandId, string type, Guid orderId, object payload) =>
        new { commandId, type, orderId, issuedAt = DateTimeOffset.Parse("2026-11-25T18:00:00-05:00"), payload };

    private static async Task<List<JsonElement>> SendBatchAsync(HttpClient client, object batch)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/sync/commands", batch, PosClient.Json);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the batch answered {(int)response.StatusCode}: {body}");
        return [.. body.GetProperty("results").EnumerateArray()];
    }

    private async Task<(Guid OrderId, Guid LineId)> AddLineAsync(Guid orderId)
    {
        var lineId = Guid.NewGuid();
        (await rig.Admin.AddLineAsync(orderId, lineId, "soda", 1)).EnsureSuccessStatusCode();
        return (orderId, lineId);
    }

    private static Task<HttpResponseMessage> VoidAsync(HttpClient client, Guid orderId, Guid lineId, string? approval = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{orderId}/lines/{lineId}/void")
        {
            Content = JsonContent.Create(new { reason = "sent back" }),
        };
        if (approval is not null)
        {
            request.Headers.Add(IManagerApproval.Header, approval);
        }
        return client.SendAsync(request);
    }

    private async Task<string?> StatusOfAsync(Guid orderId, Guid lineId) =>
        (await rig.Admin.GetJsonAsync($"/api/v1/orders/{orderId}")).GetProperty("lines").EnumerateArray()
            .Single(l => l.GetProperty("lineId").GetGuid() == lineId).GetProperty("status").GetString();
}
