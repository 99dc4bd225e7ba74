using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pos.Tests.Shared;
using Xunit.Abstractions;

namespace Pos.Appliance.Tests.Poison;

/// <summary>
/// One bad request never hurts anyone else's: eight clients add lines to their orders while another sends poison
/// (a NUL, other control characters, overlong text, overflowing numbers) into every field of every write route
/// of the OpenAPI document. Every poison request is refused with a 400 problem, every legitimate one is
/// acknowledged, and the journal holds exactly the legitimate commands.
/// </summary>
public sealed partial class PoisonInputTests(ApplianceFixture fixture, ITestOutputHelper output) : IClassFixture<ApplianceFixture>
{
    private const int LegitimateClients = 8;

    private static readonly string[] PoisonTexts =
        ["\u0000", "nul\u0000inside", "bell\u0007", "esc\u001b@", "del\u007f", "c1\u0085", new string('x', 10_000)];

    // Past every bound: the largest amount an order may hold plus one is also past every int.
    private static readonly long[] PoisonNumbers = [long.MaxValue, long.MinValue, Contracts.Money.MoneyLimits.MaxOrderTotalMinor + 1];

    private readonly ApplianceFactory _appliance = fixture.Appliance;
    private readonly HttpClient _admin = fixture.Client;

    [Fact]
    public async Task PoisonToEveryWriteRoute_IsRefusedWith400_WhileEightClientsAreServed_AndTheJournalHoldsOnlyTheirCommands()
    {
        var context = await PrepareAsync();
        var routes = await WriteRoutesAsync();
        var missing = routes.Where(r => !Templates.ContainsKey(r.OperationId)).Select(r => $"{r.Method} {r.Path} ({r.OperationId})").ToList();
        Assert.True(missing.Count == 0, "write routes without a poison template: " + string.Join(", ", missing));
        var head = await HeadAsync();

        using var stop = new CancellationTokenSource();
        var acknowledged = new ConcurrentBag<Guid>();
        var opened = new ConcurrentBag<Guid>();
        var failures = new ConcurrentQueue<string>();
        var legit = Enumerable.Range(0, LegitimateClients)
            .Select(_ => Task.Run(() => LegitimateClientAsync(acknowledged, opened, failures, stop.Token)))
            .ToList();

        var poisoned = 0;
        using (var attacker = _appliance.NewClient())
        {
            foreach (var route in routes)
            {
                foreach (var poison in Poisons(Templates[route.OperationId](context)))
                {
                    poisoned++;
                    await SendPoisonAsync(attacker, route, poison, failures);
                }
            }
        }
        await stop.CancelAsync();
        await Task.WhenAll(legit);

        output.WriteLine($"{poisoned} poison requests to {routes.Count} write routes; {acknowledged.Count} lines and {opened.Count} orders acknowledged");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.True(poisoned > 200, $"only {poisoned} poison requests were made");
        Assert.True(acknowledged.Count >= LegitimateClients, "the legitimate clients made no progress");

        // Exactly the legitimate commands: their orders opened and their lines added, nothing else.
        var events = (await _admin.ReadJournalAsync()).Where(e => e.GetProperty("seq").GetInt64() > head).ToList();
        Assert.Equal(opened.Order(), events.Where(e => e.GetProperty("type").GetString() == "OrderOpened")
            .Select(e => e.GetProperty("data").GetProperty("orderId").GetGuid()).Order());
        Assert.Equal(acknowledged.Order(), events.Where(e => e.GetProperty("type").GetString() == "LineAdded")
            .Select(e => e.GetProperty("data").GetProperty("lineId").GetGuid()).Order());
        Assert.Equal(opened.Count + acknowledged.Count, events.Count);
    }

    private async Task LegitimateClientAsync(
        ConcurrentBag<Guid> acknowledged, ConcurrentBag<Guid> opened, ConcurrentQueue<string> failures, CancellationToken stop)
    {
        using var client = _appliance.NewClient();
        var orderId = Guid.NewGuid();
        using (var open = await client.OpenAsync(orderId))
        {
            if (open.StatusCode != HttpStatusCode.Created)
            {
                failures.Enqueue($"legitimate open answered {(int)open.StatusCode}: {await open.Content.ReadAsStringAsync()}");
                return;
            }
            opened.Add(orderId);
        }
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            if (n > 0 && n % 100 == 0)
            {
                // A fresh order now and then, so opening is under test too and no order grows without end.
                orderId = Guid.NewGuid();
                using var open = await client.OpenAsync(orderId);
                if (open.StatusCode != HttpStatusCode.Created)
                {
                    failures.Enqueue($"legitimate open answered {(int)open.StatusCode}: {await open.Content.ReadAsStringAsync()}");
                    return;
                }
                opened.Add(orderId);
            }
            var lineId = Guid.NewGuid();
            using var line = await client.AddLineAsync(orderId, lineId, n % 2 == 0 ? "burger" : "ipa", 1);
            if (line.StatusCode != HttpStatusCode.OK)
            {
                failures.Enqueue($"legitimate line answered {(int)line.StatusCode}: {await line.Content.ReadAsStringAsync()}");
                return;
            }
            acknowledged.Add(lineId);
        }
    }

    private static async Task SendPoisonAsync(HttpClient attacker, WriteRoute route, Poisoned poison, ConcurrentQueue<string> failures)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), poison.Path)
        {
            Content = new StringContent(FreshCommandIds(poison.Body), Encoding.UTF8, "application/json"),
        };
        using var response = await attacker.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{route.Method} {route.Path} with {poison.Where}";
        if (response.StatusCode != HttpStatusCode.BadRequest && !(route.OperationId == "SendCommandBatch" && response.StatusCode == HttpStatusCode.OK))
        {
            failures.Enqueue($"{what} answered {(int)response.StatusCode}: {Cut(text)}");
            return;
        }
        // The web server itself refuses an encoded NUL in a path, with a bare 400, before any code of ours runs.
        if (text.Length == 0 && response.StatusCode == HttpStatusCode.BadRequest && poison.Where.StartsWith("%00 in the path", StringComparison.Ordinal))
        {
            return;
        }
        if (text.Length == 0)
        {
            failures.Enqueue($"{what} answered {(int)response.StatusCode} with no body");
            return;
        }
        var body = JsonDocument.Parse(text).RootElement;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            // Poison inside a queued command's payload: that command alone is rejected with a 400 problem, as the single
            // route would be; the others (for an order that does not exist) are rejected for that and write nothing.
            var results = body.GetProperty("results").EnumerateArray().ToList();
            var index = PoisonedCommand().Match(poison.Where) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
            if (index < 0 || results.Count != 3 || results[index].GetProperty("outcome").GetString() != "rejected"
                || results[index].GetProperty("problem").GetProperty("status").GetInt32() != 400)
            {
                failures.Enqueue($"{what}: answered {Cut(text)}");
            }
            return;
        }
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json"
            || body.GetProperty("code").GetString() is not ("validation-failed" or "malformed-json"))
        {
            failures.Enqueue($"{what} answered 400 without a problem code: {Cut(text)}");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@" in \$\.commands\[(\d+)\]")]
    private static partial System.Text.RegularExpressions.Regex PoisonedCommand();

    /// <summary>A batch's command ids made new for each request (but a poisoned one), so none is answered as a repeat.</summary>
    private static string FreshCommandIds(string body)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        if (node["commands"] is JsonArray commands)
        {
            foreach (var command in commands.OfType<JsonObject>())
            {
                if (command["commandId"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && id.GetValue<string>().StartsWith("c-", StringComparison.Ordinal))
                {
                    command["commandId"] = $"c-{Guid.NewGuid()}";
                }
            }
        }
        return node.ToJsonString();
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "..." : text;

    /// <summary>The request with one poison at a time: in each text and number it holds, and as an unknown field.</summary>
    private static IEnumerable<Poisoned> Poisons(Request valid)
    {
        foreach (var (where, replace) in Leaves(valid.Body, "$"))
        {
            var isNumber = replace(null) is JsonValue v && v.GetValueKind() == JsonValueKind.Number;
            foreach (var text in PoisonTexts)
            {
                yield return new(valid.Path, Mutated(valid.Body, where, JsonValue.Create(text)), $"{Show(text)} in {where}");
            }
            if (isNumber)
            {
                foreach (var number in PoisonNumbers)
                {
                    yield return new(valid.Path, Mutated(valid.Body, where, JsonValue.Create(number)), $"{number} in {where}");
                }
            }
        }
        var extra = (JsonObject)valid.Body.DeepClone();
        extra["unknown\u0000field"] = 1;
        yield return new(valid.Path, extra.ToJsonString(), "an unknown field");
        foreach (var (segment, poisoned) in valid.PathTexts)
        {
            foreach (var control in new[] { "%00", "%07", "%1B" })
            {
                yield return new(poisoned.Replace("%00", control, StringComparison.Ordinal), valid.Body.ToJsonString(), $"{control} in the path segment {segment}");
            }
        }
    }

    private static string Show(string text) => text.Length > 20 ? $"{text.Length} characters" : JsonSerializer.Serialize(text);

    private static string Mutated(JsonObject body, string where, JsonNode value)
    {
        var copy = (JsonObject)body.DeepClone();
        foreach (var (at, replace) in Leaves(copy, "$"))
        {
            if (at == where)
            {
                replace(value);
            }
        }
        return copy.ToJsonString();
    }

    /// <summary>Every text and number leaf of a body, with a way to replace it (called with null: only reads it).</summary>
    private static IEnumerable<(string Where, Func<JsonNode?, JsonNode?> Replace)> Leaves(JsonNode node, string at)
    {
        IEnumerable<(string Name, JsonNode? Child, Action<JsonNode> Set)> children = node switch
        {
            JsonObject obj => [.. obj.ToList().Select(p => ($"{at}.{p.Key}", p.Value, (Action<JsonNode>)(v => obj[p.Key] = v)))],
            JsonArray array => [.. array.Select((c, i) => ($"{at}[{i}]", c, (Action<JsonNode>)(v => array[i] = v)))],
            _ => [],
        };
        foreach (var (name, child, set) in children)
        {
            if (child is JsonObject or JsonArray)
            {
                foreach (var leaf in Leaves(child, name))
                {
                    yield return leaf;
                }
            }
            else if (child is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
            {
                yield return (name, replacement =>
                {
                    if (replacement is not null)
                    {
                        set(replacement);
                    }
                    return replacement ?? child;
                });
            }
        }
    }

    /// <summary>What the valid requests refer to: an open order with a line, a printer and one of its jobs.</summary>
    private sealed record Context(Guid OrderId, Guid LineId, string PrinterId, Guid JobId)
    {
        public Guid Nowhere { get; } = Guid.NewGuid();
    }

    private sealed record Request(string Path, JsonObject Body, IReadOnlyList<(string Segment, string Path)> PathTexts);

    private sealed record Poisoned(string Path, string Body, string Where);

    private sealed record WriteRoute(string Method, string Path, string OperationId);

    private static JsonObject Json(object value) => JsonSerializer.SerializeToNode(value)!.AsObject();

    private static readonly Dictionary<string, Func<Context, Request>> Templates = new(StringComparer.Ordinal)
    {
        ["OpenOrder"] = _ => new("/api/v1/orders", Json(new { orderId = Guid.NewGuid(), channel = "dine-in", table = "12", guests = 2 }), []),
        ["AddLine"] = c => new($"/api/v1/orders/{c.OrderId}/lines",
            Json(new
            {
                lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1, note = "no onions", modifiers = new[] { "medium" },
                options = new[] { new { groupId = "temperature", optionId = "medium" } }, seat = 2, course = 1,
            }), []),
        ["VoidLine"] = c => new($"/api/v1/orders/{c.OrderId}/lines/{c.LineId}/void", Json(new { reason = "guest changed mind" }), []),
        ["FireOrder"] = c => new($"/api/v1/orders/{c.OrderId}/fire", Json(new { course = 2 }), []),
        ["SetItemAvailability"] = _ => new("/api/v1/menu/items/burger/availability", Json(new { status = "available", remaining = 5 }),
            [("itemId", "/api/v1/menu/items/bur%00ger/availability")]),
        ["AddPayment"] = c => new($"/api/v1/orders/{c.OrderId}/payments",
            Json(new { paymentId = Guid.NewGuid(), tender = "card", amountMinor = 100, tipMinor = 10, reference = "auth 123" }), []),
        ["CloseOrder"] = c => new($"/api/v1/orders/{c.OrderId}/close", [], []),
        ["PrintCheck"] = c => new($"/api/v1/orders/{c.OrderId}/print-check", Json(new { printerId = c.PrinterId, station = "bar" }), []),
        ["PrintReceipt"] = c => new($"/api/v1/orders/{c.OrderId}/print-receipt", Json(new { printerId = c.PrinterId, station = "bar" }), []),
        ["MoveLines"] = c => new($"/api/v1/orders/{c.OrderId}/move-lines", Json(new { toOrderId = c.Nowhere, lineIds = new[] { c.LineId } }), []),
        ["MergeOrders"] = c => new($"/api/v1/orders/{c.OrderId}/merge", Json(new { fromOrderId = c.Nowhere }), []),
        ["SplitOrder"] = c => new($"/api/v1/orders/{c.OrderId}/split",
            Json(new { mode = "lines", groups = new[] { new { orderId = c.Nowhere, lineIds = new[] { c.LineId } } } }), []),
        ["TransferOrder"] = c => new($"/api/v1/orders/{c.OrderId}/transfer", Json(new { table = "14", employeeId = "ana" }), []),
        ["CarryOverOrder"] = c => new($"/api/v1/orders/{c.OrderId}/carry-over", Json(new { newOrderId = c.Nowhere }), []),
        ["CloseOrderWithReason"] = c => new($"/api/v1/orders/{c.OrderId}/close-with-reason", Json(new { reason = "walked out" }), []),
        ["ApplyDiscount"] = c => new($"/api/v1/orders/{c.OrderId}/discounts",
            Json(new { discountId = Guid.NewGuid(), lineId = c.LineId, percentBp = 1000, reason = "regular guest" }), []),
        // It takes no body; the discount named is on no order, so nothing is removed.
        ["RemoveDiscount"] = c => new($"/api/v1/orders/{c.OrderId}/discounts/{c.Nowhere}", [], []),
        ["AdjustTip"] = c => new($"/api/v1/orders/{c.OrderId}/payments/{c.Nowhere}/tip", Json(new { tipMinor = 200 }), []),
        ["Refund"] = c => new($"/api/v1/orders/{c.OrderId}/refunds",
            Json(new { refundId = Guid.NewGuid(), amountMinor = 100, tender = "card", reason = "cold soup", lineIds = new[] { c.LineId } }), []),
        ["ReplaceMenu"] = _ => new("/api/v1/menu", Json(PosClient.Menu()), []),
        ["PutPrinter"] = c => new("/api/v1/printers/grill",
            Json(new { name = "Grill", host = "127.0.0.1", port = 9, station = "grill", backupPrinterId = c.PrinterId, columns = 42, codePage = "pc858", confirm = "tcp", failoverAfterSeconds = 60 }),
            [("printerId", "/api/v1/printers/gr%00ill")]),
        ["ReprintJob"] = c => new($"/api/v1/printers/{c.PrinterId}/jobs/{c.JobId}/reprint", [],
            [("printerId", $"/api/v1/printers/ki%00tchen/jobs/{c.JobId}/reprint")]),
        // It takes no body (force is a query parameter), like a revocation; the printer named is not configured, so nothing is removed.
        ["RemovePrinter"] = _ => new("/api/v1/printers/grill", [], [("printerId", "/api/v1/printers/gr%00ill")]),
        ["RegisterDevice"] = _ => new("/api/v1/devices", Json(new { deviceId = "till-9", name = "Till nine", role = "server" }), []),
        ["CreatePairingCode"] = _ => new("/api/v1/pairing-codes", Json(new { role = "server", name = "Anna's phone" }), []),
        ["PairDevice"] = _ => new("/api/v1/pairing", Json(new { code = "1234 5678 9012 3", name = "Pixel" }), []),
        // It takes no body: the unknown field is a body, refused; control characters in the id are refused before any lookup.
        ["RevokeDevice"] = _ => new("/api/v1/devices/till-9", [], [("deviceId", "/api/v1/devices/ti%00ll-9")]),
        // People: a malformed PIN is refused before it counts as a guess (nothing journaled); the empty bodies are like a revocation's.
        ["SaveEmployee"] = _ => new("/api/v1/employees/ana", Json(new { name = "Ana", role = "server", pin = "4821" }), [("employeeId", "/api/v1/employees/a%00na")]),
        ["DeactivateEmployee"] = _ => new("/api/v1/employees/ana", [], [("employeeId", "/api/v1/employees/a%00na")]),
        ["ClockIn"] = _ => new("/api/v1/employees/ana/clock-in", [], [("employeeId", "/api/v1/employees/a%00na/clock-in")]),
        ["ClockOut"] = _ => new("/api/v1/employees/ana/clock-out", [], [("employeeId", "/api/v1/employees/a%00na/clock-out")]),
        ["StartStaffSession"] = _ => new("/api/v1/staff-sessions", Json(new { pin = "4821" }), []),
        ["EndStaffSession"] = _ => new("/api/v1/staff-sessions/current", [], []),
        // It takes no body (graceMinutes is a query parameter); the appliance under test is given its token, so nothing rotates.
        ["RotateAdminToken"] = _ => new("/api/v1/admin-token/rotate", [], []),
        // Cash: a session's id is a route GUID (a poisoned one matches no route), a drawer's a text segment.
        ["PutDrawer"] = c => new("/api/v1/drawers/front", Json(new { name = "Front", printerId = c.PrinterId, pin = 1 }),
            [("drawerId", "/api/v1/drawers/fr%00ont")]),
        ["OpenDrawerSession"] = _ => new("/api/v1/drawers/front/sessions", Json(new { sessionId = Guid.NewGuid(), floatMinor = 10_000, employeeId = "ana" }),
            [("drawerId", "/api/v1/drawers/fr%00ont/sessions")]),
        ["KickDrawer"] = _ => new("/api/v1/drawers/front/kick", Json(new { reason = "change" }), [("drawerId", "/api/v1/drawers/fr%00ont/kick")]),
        ["MoveDrawerCash"] = c => new($"/api/v1/drawer-sessions/{c.Nowhere}/movements",
            Json(new { movementId = Guid.NewGuid(), kind = "pay-out", amountMinor = 500, reason = "flowers" }), []),
        ["CloseDrawerSession"] = c => new($"/api/v1/drawer-sessions/{c.Nowhere}/close", Json(new { countedMinor = 10_000 }), []),
        ["PrintZReport"] = c => new("/api/v1/reports/z/print", Json(new { businessDate = "2026-11-25", printerId = c.PrinterId }), []),
        // Its commands are for an order that does not exist: only the poison decides a command's answer, and nothing is written.
        ["SendCommandBatch"] = c => new("/api/v1/sync/commands", Json(new
        {
            deviceId = "admin",
            commands = new object[]
            {
                new { commandId = $"c-{Guid.NewGuid()}", type = "add-line", orderId = c.Nowhere, expectedVersion = 1, issuedAt = "2026-11-25T19:02:11-05:00",
                      payload = new { lineId = Guid.NewGuid(), menuItemId = "fries", quantity = 2, note = "crispy", modifiers = new[] { "salt" } } },
                new { commandId = $"c-{Guid.NewGuid()}", type = "add-payment", orderId = c.Nowhere, issuedAt = "2026-11-25T19:03:00-05:00",
                      payload = new { paymentId = Guid.NewGuid(), tender = "cash", amountMinor = 500, tipMinor = 0, reference = "drawer 1" } },
                new { commandId = $"c-{Guid.NewGuid()}", type = "void-line", orderId = c.Nowhere, issuedAt = "2026-11-25T19:04:00-05:00",
                      payload = new { lineId = c.LineId, reason = "wrong item" } },
            },
        }), []),
    };

    private async Task<Context> PrepareAsync()
    {
        var orderId = Guid.NewGuid();
        var lineId = Guid.NewGuid();
        (await _admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await _admin.AddLineAsync(orderId, lineId, "burger", 1)).EnsureSuccessStatusCode();
        // A printer nobody listens at (port 9 on loopback): its job stays queued, which is all a reprint needs.
        (await _admin.PutAsJsonAsync("/api/v1/printers/kitchen",
            new { name = "Kitchen", host = "127.0.0.1", port = 9, station = "kitchen", confirm = "tcp" })).EnsureSuccessStatusCode();
        var fired = Guid.NewGuid();
        (await _admin.OpenAsync(fired)).EnsureSuccessStatusCode();
        (await _admin.AddLineAsync(fired, Guid.NewGuid(), "fries", 1)).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync($"/api/v1/orders/{fired}/fire", new { })).EnsureSuccessStatusCode();
        var jobs = await _admin.GetJsonAsync("/api/v1/printers/kitchen/jobs");
        var jobId = jobs.GetProperty("jobs").EnumerateArray().First().GetProperty("jobId").GetGuid();
        return new Context(orderId, lineId, "kitchen", jobId);
    }

    private async Task<List<WriteRoute>> WriteRoutesAsync()
    {
        var document = await _admin.GetJsonAsync("/swagger/v1/swagger.json");
        var routes = new List<WriteRoute>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "post" or "put" or "patch" or "delete")
                {
                    routes.Add(new WriteRoute(operation.Name.ToUpperInvariant(), path.Name, operation.Value.GetProperty("operationId").GetString()!));
                }
            }
        }
        return routes;
    }

    private async Task<long> HeadAsync() =>
        (await _admin.GetJsonAsync("/api/v1/journal?after=0&limit=1")).GetProperty("headSeq").GetInt64();
}
