using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Pos.Appliance.Tests.Conflicts;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Sync;

/// <summary>Till B lost the appliance while till A went on working; B sends its queue in one batch when it is back.</summary>
public sealed class OfflineBatchTests(TwoTillsFixture fixture) : IClassFixture<TwoTillsFixture>
{
    private static object Cmd(string commandId, string type, Guid orderId, object? payload, int? expectedVersion = null, DateTimeOffset? issuedAt = null) =>
        new { commandId, type, orderId, expectedVersion, issuedAt = issuedAt ?? new DateTimeOffset(2026, 11, 25, 17, 30, 0, TimeSpan.FromHours(-5)), payload };

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, string deviceId, IEnumerable<object> commands)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/sync/commands", new { deviceId, commands = commands.ToArray() });
        return (response.StatusCode, await response.JsonAsync());
    }

    [Fact]
    public async Task TheQueue_GetsAnOutcomePerCommand_InOrder_TotalsAreRight_AndSendingItAgainChangesNothing()
    {
        var o1 = Guid.NewGuid();
        var o2 = Guid.NewGuid();
        var burger = Guid.NewGuid();
        (await fixture.TillA.OpenAsync(o1)).EnsureSuccessStatusCode();
        (await fixture.TillA.AddLineAsync(o1, burger, "burger", 1)).EnsureSuccessStatusCode();
        // Till B writes to the order once while it still has the appliance, then loses it.
        using var soda = await fixture.TillB.AddLineAsync(o1, Guid.NewGuid(), "soda", 1);
        var seenByB = (await soda.JsonAsync()).GetProperty("version").GetInt32();
        // Meanwhile till A adds a beer and takes part of the bill.
        (await fixture.TillA.AddLineAsync(o1, Guid.NewGuid(), "ipa", 1)).EnsureSuccessStatusCode();
        var fries = Guid.NewGuid();
        var issuedAt = new DateTimeOffset(2026, 11, 25, 17, 45, 12, TimeSpan.FromHours(-5));

        var queue = new object[]
        {
            Cmd("b-1", "add-line", o1, new { lineId = fries, menuItemId = "fries", quantity = 1 }, issuedAt: issuedAt),
            Cmd("b-2", "add-line", o1, new { lineId = fries, menuItemId = "fries", quantity = 1 }),
            Cmd("b-3", "void-line", o1, new { lineId = burger, reason = "guest changed mind" }, expectedVersion: seenByB),
            Cmd("b-4", "add-line", o1, new { lineId = Guid.NewGuid(), menuItemId = "lobster", quantity = 1 }),
            Cmd("b-5", "add-payment", o1, new { paymentId = Guid.NewGuid(), tender = "card", amountMinor = "ten" }),
            Cmd("b-6", "add-payment", o1, new { paymentId = Guid.NewGuid(), tender = "card", amountMinor = 99_999 }),
            Cmd("b-7", "open-order", o2, new { orderId = o2, channel = "takeout" }),
            Cmd("b-8", "add-line", o2, new { lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1 }),
            Cmd("b-9", "fire", o2, new { }),
            Cmd("b-10", "close", o2, new { }),
            Cmd("b-11", "add-payment", o2, new { paymentId = Guid.NewGuid(), tender = "cash", amountMinor = 1353 }),
            Cmd("b-12", "close", o2, new { }),
        };
        var head = await fixture.HeadSeqAsync();
        var (status, first) = await SendAsync(fixture.TillB, "till-b", queue);
        Assert.True(status == HttpStatusCode.OK, first.GetRawText());

        var results = first.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"b-{i}"), results.Select(r => r.GetProperty("commandId").GetString()));
        string Outcome(int i) => results[i - 1].GetProperty("outcome").GetString()!;
        string? Code(int i) => results[i - 1].GetProperty("problem") is { ValueKind: JsonValueKind.Object } p ? p.GetProperty("code").GetString() : null;
        Assert.Equal("merged", Outcome(1)); // till A wrote to o1 after till B last did
        Assert.Equal("duplicate", Outcome(2));
        Assert.Equal(("conflict", "version-mismatch"), (Outcome(3), Code(3)));
        Assert.Equal(("rejected", "unknown-menu-item"), (Outcome(4), Code(4)));
        Assert.Equal(("rejected", "validation-failed"), (Outcome(5), Code(5)));
        Assert.Equal(("conflict", "overpayment"), (Outcome(6), Code(6)));
        Assert.Equal("applied", Outcome(7));
        Assert.Equal("applied", Outcome(8));
        Assert.Equal("applied", Outcome(9));
        Assert.Equal(("conflict", "balance-not-zero"), (Outcome(10), Code(10)));
        Assert.Equal("applied", Outcome(11));
        Assert.Equal("applied", Outcome(12));
        // Each order is shown once, with its last command (o1: b-6's conflict; o2: b-12); every other command that
        // applied, was a duplicate or a conflict gives the order's version; a rejection gives neither.
        Assert.Equal(JsonValueKind.Object, results[5].GetProperty("problem").GetProperty("order").ValueKind);
        Assert.Equal("closed", results[11].GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(results[11].GetProperty("order").GetProperty("version").GetInt32(), results[11].GetProperty("version").GetInt32());
        foreach (var i in new[] { 0, 1, 2, 6, 7, 8, 9, 10 })
        {
            Assert.Equal(JsonValueKind.Null, results[i].GetProperty("order").ValueKind);
            Assert.Equal(JsonValueKind.Number, results[i].GetProperty("version").ValueKind);
        }
        Assert.False(results[2].GetProperty("problem").TryGetProperty("order", out _));
        Assert.Equal(seenByB + 2, results[2].GetProperty("problem").GetProperty("currentVersion").GetInt32());
        Assert.False(results[3].GetProperty("problem").TryGetProperty("order", out _));
        Assert.Equal(JsonValueKind.Null, results[3].GetProperty("version").ValueKind);

        // Totals: o1 holds A's burger and beer and B's soda and fries (1250 + 700 + 199 + 475; tax 103 + 70 + 0 + 39).
        var order1 = await fixture.Admin.GetJsonAsync($"/api/v1/orders/{o1}");
        Assert.Equal(4, order1.GetProperty("lines").GetArrayLength());
        Assert.All(order1.GetProperty("lines").EnumerateArray(), l => Assert.Equal("pending", l.GetProperty("status").GetString()));
        Assert.Equal(2624, order1.GetProperty("subtotalMinor").GetInt64());
        Assert.Equal(212, order1.GetProperty("taxMinor").GetInt64());
        Assert.Equal(2836, order1.GetProperty("totalMinor").GetInt64());
        Assert.Equal(0, order1.GetProperty("paidMinor").GetInt64());
        var order2 = await fixture.Admin.GetJsonAsync($"/api/v1/orders/{o2}");
        Assert.Equal("closed", order2.GetProperty("status").GetString());
        Assert.Equal(1353, order2.GetProperty("totalMinor").GetInt64());
        Assert.Equal(0, order2.GetProperty("balanceMinor").GetInt64());

        // The fries' event carries the device's issuedAt, and the store's own time and business date.
        var events = await fixture.OrderEventsAfterAsync(o1, head);
        var friesAdded = Assert.Single(events);
        Assert.Equal("LineAdded", friesAdded.GetProperty("type").GetString());
        Assert.Equal("till-b", friesAdded.GetProperty("deviceId").GetString());
        Assert.Equal(issuedAt, friesAdded.GetProperty("issuedAt").GetDateTimeOffset());
        Assert.Equal(fixture.Appliance.Time.GetUtcNow(), friesAdded.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal("2026-11-25", friesAdded.GetProperty("businessDate").GetString());

        // The same batch again: the journal does not move and every command gets its first answer.
        var journalBefore = (await fixture.Admin.ReadJournalAsync()).Select(e => e.GetRawText()).ToList();
        var (againStatus, again) = await SendAsync(fixture.TillB, "till-b", queue);
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(journalBefore, (await fixture.Admin.ReadJournalAsync()).Select(e => e.GetRawText()).ToList());
    }

    [Fact]
    public async Task ACommandIdReusedForAnotherCommand_IsRejected_AndChangesNothing()
    {
        var orderId = Guid.NewGuid();
        var (_, first) = await SendAsync(fixture.TillA, "till-a", [Cmd("a-reuse", "open-order", orderId, new { orderId, channel = "dine-in", table = "4" })]);
        Assert.Equal("applied", first.GetProperty("results")[0].GetProperty("outcome").GetString());
        var head = await fixture.HeadSeqAsync();
        var (_, reused) = await SendAsync(fixture.TillA, "till-a",
            [Cmd("a-reuse", "add-line", orderId, new { lineId = Guid.NewGuid(), menuItemId = "soda", quantity = 1 })]);
        var result = reused.GetProperty("results")[0];
        Assert.Equal("rejected", result.GetProperty("outcome").GetString());
        Assert.Equal("idempotency-key-reused", result.GetProperty("problem").GetProperty("code").GetString());
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    public static TheoryData<string> UnreadableBatches => new() { "bad-json", "too-many", "no-device", "unknown-field", "commands-twice" };

    [Theory]
    [MemberData(nameof(UnreadableBatches))]
    public async Task ABatchThatCannotBeReadAsAWhole_Is400_AndNothingIsApplied(string kind)
    {
        var orderId = Guid.NewGuid();
        var good = Cmd($"m-{Guid.NewGuid():N}", "open-order", orderId, new { orderId, channel = "dine-in" });
        var goodJson = JsonSerializer.Serialize(good);
        string json = kind switch
        {
            "bad-json" => JsonSerializer.Serialize(new { deviceId = "till-a", commands = new[] { good } })[..^3],
            "too-many" => JsonSerializer.Serialize(new { deviceId = "till-a", commands = Enumerable.Range(0, 501).Select(i => i == 0 ? good : Cmd($"m-{Guid.NewGuid():N}", "fire", orderId, new { })).ToArray() }),
            "no-device" => JsonSerializer.Serialize(new { commands = new[] { good } }),
            "unknown-field" => JsonSerializer.Serialize(new { deviceId = "till-a", commands = new[] { good }, priority = "high" }),
            "commands-twice" => $$"""{"deviceId":"till-a","commands":[{{goodJson}}],"commands":[]}""",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var head = await fixture.HeadSeqAsync();
        using var response = await fixture.TillA.PostAsync("/api/v1/sync/commands", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains(problem.GetProperty("code").GetString(), new[] { "validation-failed", "malformed-json" });
        Assert.Equal(head, await fixture.HeadSeqAsync());
        using var order = await fixture.Admin.GetAsync($"/api/v1/orders/{orderId}");
        Assert.Equal(HttpStatusCode.NotFound, order.StatusCode);
    }

    public static TheoryData<string, string> MalformedCommands => new()
    {
        { "missing-command-id", "commandId" },
        { "command-id-too-long", "commandId" },
        { "unknown-type", "type" },
        { "type-in-another-case", "type" },
        { "missing-issued-at", "issuedAt" },
        { "issued-at-without-offset", "issuedAt" },
        { "order-id-not-uuid", "orderId" },
        { "version-past-int", "expectedVersion" },
        { "unknown-field-on-the-command", "priority" },
        { "not-an-object", "" },
    };

    [Theory]
    [MemberData(nameof(MalformedCommands))]
    public async Task AMalformedCommand_IsRejectedAlone_TheOthersApply_AndTheAnswerIsTheSameWhenSentAgain(string kind, string field)
    {
        var orderId = Guid.NewGuid();
        var good = Cmd($"m-{Guid.NewGuid():N}", "open-order", orderId, new { orderId, channel = "dine-in" });
        var fire = Cmd($"m-{Guid.NewGuid():N}", "fire", orderId, new { });
        var issued = DateTimeOffset.UtcNow;
        object bad = kind switch
        {
            "missing-command-id" => new { type = "fire", orderId, issuedAt = issued, payload = new { } },
            "command-id-too-long" => new { commandId = new string('c', 201), type = "fire", orderId, issuedAt = issued, payload = new { } },
            "unknown-type" => Cmd("m-x", "refund", orderId, new { }),
            "type-in-another-case" => Cmd("m-x", "Add-Line", orderId, new { }),
            "missing-issued-at" => new { commandId = "m-y", type = "fire", orderId, payload = new { } },
            "issued-at-without-offset" => new { commandId = "m-w", type = "fire", orderId, issuedAt = "2026-11-25T19:02:11", payload = new { } },
            "order-id-not-uuid" => new { commandId = "m-z", type = "fire", orderId = "table-5", issuedAt = issued, payload = new { } },
            "version-past-int" => new { commandId = "m-v", type = "fire", orderId, expectedVersion = 2_147_483_648L, issuedAt = issued, payload = new { } },
            "unknown-field-on-the-command" => new { commandId = "m-u", type = "fire", orderId, issuedAt = issued, payload = new { }, priority = "high" },
            "not-an-object" => "fire the order",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var json = JsonSerializer.Serialize(new { deviceId = "till-a", commands = new[] { good, bad, fire } });
        var head = await fixture.HeadSeqAsync();

        using var response = await fixture.TillA.PostAsync("/api/v1/sync/commands", new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        using var again = await fixture.TillA.PostAsync("/api/v1/sync/commands", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var results = JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["applied", "rejected", "duplicate"], results.Select(r => r.GetProperty("outcome").GetString()));
        var problem = results[1].GetProperty("problem");
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name == (field.Length == 0 ? "commands[1]" : $"commands[1].{field}"));
        Assert.Equal(text, await again.Content.ReadAsStringAsync());
        // The open wrote its event; the fire had nothing pending; the malformed command wrote nothing.
        Assert.Equal(head + 1, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task ADevice_SendsOnlyItsOwnQueue_403_TheAdminMaySendForARegisteredDevice()
    {
        var orderId = Guid.NewGuid();
        var head = await fixture.HeadSeqAsync();
        var (asOther, problem) = await SendAsync(fixture.TillB, "till-a", [Cmd($"x-{Guid.NewGuid():N}", "open-order", orderId, new { orderId, channel = "dine-in" })]);
        Assert.Equal(HttpStatusCode.Forbidden, asOther);
        Assert.Equal("forbidden", problem.GetProperty("code").GetString());
        var (unknown, _) = await SendAsync(fixture.Admin, "no-such-till", [Cmd($"x-{Guid.NewGuid():N}", "open-order", orderId, new { orderId, channel = "dine-in" })]);
        Assert.Equal(HttpStatusCode.Forbidden, unknown);
        Assert.Equal(head, await fixture.HeadSeqAsync());

        var (byAdmin, body) = await SendAsync(fixture.Admin, "till-a", [Cmd($"x-{Guid.NewGuid():N}", "open-order", orderId, new { orderId, channel = "dine-in" })]);
        Assert.Equal(HttpStatusCode.OK, byAdmin);
        Assert.Equal("applied", body.GetProperty("results")[0].GetProperty("outcome").GetString());
        var opened = Assert.Single(await fixture.OrderEventsAfterAsync(orderId, head));
        Assert.Equal("till-a", opened.GetProperty("deviceId").GetString());
    }
}
