using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pos.Contracts.Sync;
using Pos.EndToEnd.Tests.Cloud;
using Pos.EndToEnd.Tests.Sync;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;
using Xunit.Abstractions;
using static Pos.EndToEnd.Tests.CardData.FreeTextFields;

namespace Pos.EndToEnd.Tests.CardData;

/// <summary>
/// No card data anywhere: card-like numbers sent in every free-text field a client can fill, on every single write
/// route of the appliance, in device batches and on the cloud's routes, are each refused with 400 card-data-refused;
/// then, after ordinary service printed a ticket and the journal reached the cloud, none of their digits is in the
/// appliance's database, its journal, its logs (every level), the printer's bytes, the cloud's database or its logs.
/// </summary>
public sealed class CardDataTests(ITestOutputHelper output)
{
    private const string StoreId = "cards";
    private const string Sentinel = "no onions"; // ordinary free text: found where the scans look, so they look in the right places

    [Fact]
    public async Task Card_numbers_in_every_free_text_field_are_refused_and_are_nowhere_afterwards()
    {
        var cloudDb = await TestPostgres.CreateDatabaseAsync("cloud");
        await using var cloud = await CloudProcess.StartAsync(cloudDb, Directory.CreateTempSubdirectory("pos-e2e-cards-").FullName, extra: new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
        });
        using var hq = cloud.NewClient();
        var link = await LinkAsync(hq, cloud.BaseAddress);
        await using var kitchen = VirtualPrinterHost.Start("kitchen");
        var logs = new EveryLogLine();
        await using var appliance = await ApplianceFactory.StartAsync(settings: link, services: s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.Configure<LoggerFilterOptions>(EveryLogLine.Configure);
        });
        using var admin = appliance.NewClient();
        await admin.PutMenuAsync();
        (await admin.PutAsJsonAsync("/api/v1/printers/kitchen", new { name = "Kitchen", host = "127.0.0.1", port = kitchen.Port, station = "kitchen" }))
            .EnsureSuccessStatusCode();
        var targets = await TargetsAsync(admin);
        var till = appliance.NewClient(await admin.RegisterDeviceAsync("till-cards"));
        var head = await HeadAsync(admin);

        var refused = await SingleRoutesAsync(admin, targets);
        Assert.Equal(head, await HeadAsync(admin)); // nothing refused wrote anything
        refused += await DeviceBatchAsync(till, admin);
        refused += await CloudRoutesAsync(hq);
        output.WriteLine($"{refused} card numbers refused");

        // Ordinary service: a noted line fired to the kitchen, paid by card with the terminal's reference, closed.
        var orderId = Guid.NewGuid();
        (await admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines",
            new { lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1, note = Sentinel, modifiers = new[] { "medium" } })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { })).EnsureSuccessStatusCode();
        var total = (await admin.GetJsonAsync($"/api/v1/orders/{orderId}")).GetProperty("balanceMinor").GetInt64();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/payments",
            new { paymentId = Guid.NewGuid(), tender = "card", amountMinor = total, reference = "auth 123456" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { })).EnsureSuccessStatusCode();
        await Poll.UntilAsync(() => Task.FromResult(kitchen.Tickets), t => t.Any(x => x.Text.Contains(Sentinel, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the noted ticket at the kitchen printer");
        await SyncRig.DrainedAsync(admin, TimeSpan.FromSeconds(90));

        var journal = string.Join("\n", (await admin.ReadJournalAsync()).Select(e => e.GetRawText()));
        var printed = string.Join("\n", kitchen.Tickets.Select(t => Encoding.Latin1.GetString(t.Bytes) + "\n" + t.Text));
        var places = new Dictionary<string, string>
        {
            ["the appliance's database"] = await StoredText.DatabaseAsync(appliance.ConnectionString),
            ["the journal"] = journal,
            ["the kitchen printer's bytes"] = printed,
            ["the cloud's database"] = await StoredText.DatabaseAsync(cloudDb),
        };
        foreach (var (place, text) in places)
        {
            Assert.True(text.Contains(Sentinel, StringComparison.Ordinal), $"{place} does not hold the ordinary note: the scan looks in the wrong place");
        }
        places["the appliance's logs"] = logs.Text();
        places["the cloud's logs"] = cloud.Output();
        Assert.True(logs.Count > 1000, $"only {logs.Count} log lines were captured");
        foreach (var (place, text) in places)
        {
            output.WriteLine($"{place}: {text.Length:N0} characters scanned");
            foreach (var digits in CardDigits)
            {
                Assert.False(StoredText.HoldsDigits(text, digits), $"{place} holds the card number {digits}");
            }
        }
    }

    /// <summary>Every write route of the OpenAPI document, each card number in each of its free-text fields.</summary>
    private async Task<int> SingleRoutesAsync(HttpClient admin, Targets targets)
    {
        var document = await admin.GetJsonAsync("/swagger/v1/swagger.json");
        var routes = WriteRoutes(document);
        var missing = routes.Where(r => r.OperationId != Batch && !FreeTextFields.Appliance.ContainsKey(r.OperationId)).Select(r => r.OperationId).ToList();
        Assert.True(missing.Count == 0, "write routes whose text fields are not sorted in FreeTextFields: " + string.Join(", ", missing));
        Assert.Contains("card-data-refused", routes.Single(r => r.OperationId == Batch).Operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        var sent = 0;
        foreach (var route in routes.Where(r => r.OperationId != Batch))
        {
            var template = FreeTextFields.Appliance[route.OperationId](targets);
            AssertSorted(route.OperationId, template);
            // The document says where card numbers are refused, and only there.
            var badRequest = route.Operation.GetProperty("responses").TryGetProperty("400", out var r400) ? r400.GetProperty("description").GetString()! : "";
            Assert.True(template.FreeText.Length > 0 == badRequest.Contains("card-data-refused", StringComparison.Ordinal),
                $"{route.OperationId}'s 400 says: {badRequest}");
            foreach (var field in template.FreeText)
            {
                foreach (var card in Cards)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(route.Method), template.Path)
                    {
                        Content = JsonContent.Create(With(template.Body, field, card)),
                    };
                    using var response = await admin.SendAsync(request);
                    var what = $"{route.Method} {template.Path} with a card number in {field}";
                    Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    AssertCardRefusal(await response.Content.ReadAsStringAsync(), FieldOf(field), card, what);
                    sent++;
                }
            }
        }
        return sent;
    }

    /// <summary>Each card number in each free-text field of each command type, in one batch with ordinary commands, twice.</summary>
    private static async Task<int> DeviceBatchAsync(HttpClient till, HttpClient admin)
    {
        Assert.Empty(DeviceCommands.Types.Except(CommandTypes.Keys));
        var targets = new Targets(Guid.NewGuid(), Guid.NewGuid(), "kitchen", Guid.Empty);
        var commands = new JsonArray
        {
            Command("open-order", targets.OrderId, new JsonObject { ["channel"] = "dine-in", ["table"] = "5" }),
            Command("add-line", targets.OrderId, new JsonObject { ["lineId"] = targets.LineId, ["menuItemId"] = "fries", ["quantity"] = 1 }),
        };
        var expected = new List<(int Index, string Field, string Card)>();
        foreach (var (type, operation) in CommandTypes)
        {
            var template = FreeTextFields.Appliance[operation](targets);
            var payload = (JsonObject)template.Body.DeepClone();
            payload.Remove("orderId"); // the command's own
            if (type == "void-line")
            {
                payload["lineId"] = targets.LineId;
            }
            foreach (var field in template.FreeText)
            {
                foreach (var card in Cards)
                {
                    expected.Add((commands.Count, FieldOf(field), card));
                    commands.Add(Command(type, targets.OrderId, With(payload, field, card)));
                }
            }
        }
        commands.Add(Command("add-line", targets.OrderId, new JsonObject { ["lineId"] = Guid.NewGuid(), ["menuItemId"] = "fries", ["quantity"] = 2 }));
        var batch = new JsonObject { ["deviceId"] = "till-cards", ["commands"] = commands };

        var heads = new List<long>();
        foreach (var round in new[] { 1, 2 })
        {
            heads.Add(await HeadAsync(admin));
            using var response = await till.PostAsJsonAsync("/api/v1/sync/commands", batch);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"batch round {round} answered {(int)response.StatusCode}: {text}");
            var results = JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(commands.Count, results.Count);
            foreach (var (index, field, card) in expected)
            {
                var what = $"batch round {round}, command {index} with a card number in {field}";
                Assert.Equal("rejected", results[index].GetProperty("outcome").GetString());
                AssertCardRefusal(results[index].GetProperty("problem").GetRawText(), field, card, what);
            }
            // The ordinary commands around them were applied (the second time, that first answer is given again);
            // the refused ones were kept nowhere, so they are refused again.
            foreach (var index in new[] { 0, 1, commands.Count - 1 })
            {
                Assert.True(results[index].GetProperty("outcome").GetString() is "applied" or "merged", $"batch round {round}, command {index}: {results[index]}");
            }
        }
        // The first round wrote the three ordinary commands' events (an order opened, two lines); the second, nothing.
        Assert.Equal(heads[0] + 3, heads[1]);
        Assert.Equal(heads[1], await HeadAsync(admin));
        return expected.Count * 2;
    }

    /// <summary>The cloud's store registration and menu publishing, each card number in each free-text field.</summary>
    private static async Task<int> CloudRoutesAsync(HttpClient hq)
    {
        var sent = 0;
        foreach (var template in new[] { CloudStore("card-probe"), CloudMenu(StoreId) })
        {
            AssertSorted(template.Path, template);
            foreach (var field in template.FreeText)
            {
                foreach (var card in Cards)
                {
                    using var response = await hq.PutAsJsonAsync(template.Path, With(template.Body, field, card));
                    var what = $"PUT {template.Path} with a card number in {field}";
                    Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    AssertCardRefusal(await response.Content.ReadAsStringAsync(), FieldOf(field), card, what);
                    sent++;
                }
            }
        }
        // The store a refused registration named was not made.
        var stores = (await hq.GetJsonAsync("/cloud/v1/stores")).GetProperty("stores").EnumerateArray().ToList();
        Assert.Equal(StoreId, Assert.Single(stores).GetProperty("storeId").GetString());
        return sent;
    }

    /// <summary>The refusal: card-data-refused naming the field, and nothing of the number in it.</summary>
    private static void AssertCardRefusal(string problemText, string field, string card, string what)
    {
        var problem = JsonDocument.Parse(problemText).RootElement;
        Assert.True(problem.GetProperty("code").GetString() == "card-data-refused", $"{what} was refused with {problemText}");
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{what}: the problem does not name {field}: {problemText}");
        Assert.False(StoredText.HoldsDigits(problemText, new string([.. card.Where(char.IsAsciiDigit)])), $"{what}: the problem repeats the number: {problemText}");
    }

    /// <summary>Every text field of the template's body is sorted one way, and only one.</summary>
    private static void AssertSorted(string route, Template template)
    {
        var fields = TextFields(template.Body).Order(StringComparer.Ordinal).ToList();
        var sorted = template.FreeText.Concat(template.NotFreeText).Order(StringComparer.Ordinal).ToList();
        Assert.True(fields.SequenceEqual(sorted), $"{route}: its text fields are [{string.Join(", ", fields)}], sorted are [{string.Join(", ", sorted)}]");
    }

    private static JsonObject Command(string type, Guid orderId, JsonObject payload) => new()
    {
        ["commandId"] = $"c-{Guid.NewGuid()}",
        ["type"] = type,
        ["orderId"] = orderId,
        ["issuedAt"] = "2026-11-25T18:00:00-05:00",
        ["payload"] = payload,
    };

    /// <summary>An open order with a line, and a printer with a job, for the routes that act on them.</summary>
    private static async Task<Targets> TargetsAsync(HttpClient admin)
    {
        var orderId = Guid.NewGuid();
        var lineId = Guid.NewGuid();
        (await admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await admin.AddLineAsync(orderId, lineId, "burger", 1)).EnsureSuccessStatusCode();
        var fired = Guid.NewGuid();
        (await admin.OpenAsync(fired)).EnsureSuccessStatusCode();
        (await admin.AddLineAsync(fired, Guid.NewGuid(), "fries", 1)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{fired}/fire", new { })).EnsureSuccessStatusCode();
        // Printed before the journal's head is taken, so no event of its own comes in while nothing may.
        var jobs = await Poll.UntilAsync(() => admin.GetJsonAsync("/api/v1/printers/kitchen/jobs"),
            j => j.GetProperty("jobs").EnumerateArray().Any(x => x.GetProperty("status").GetString() == "printed"), TimeSpan.FromSeconds(30), "the first ticket printed");
        return new Targets(orderId, lineId, "kitchen", jobs.GetProperty("jobs").EnumerateArray().First().GetProperty("jobId").GetGuid());
    }

    private static async Task<Dictionary<string, string>> LinkAsync(HttpClient hq, Uri cloud)
    {
        using var created = await hq.PutAsJsonAsync($"/cloud/v1/stores/{StoreId}", new { name = "Cards", timeZone = "America/New_York" });
        created.EnsureSuccessStatusCode();
        return new Dictionary<string, string>
        {
            ["POS_CLOUD_URL"] = cloud.ToString(),
            ["POS_STORE_ID"] = StoreId,
            ["POS_STORE_SECRET"] = (await created.JsonAsync()).GetProperty("secret").GetString()!,
            ["POS_SYNC_MAX_BACKOFF"] = "2",
        };
    }

    private static async Task<long> HeadAsync(HttpClient client) =>
        (await client.GetJsonAsync("/api/v1/journal?after=0&limit=1")).GetProperty("headSeq").GetInt64();

    private sealed record WriteRoute(string Method, string OperationId, JsonElement Operation);

    private static List<WriteRoute> WriteRoutes(JsonElement document) =>
    [
        .. document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "post" or "put" or "patch" or "delete")
            .Select(o => new WriteRoute(o.Name.ToUpperInvariant(), o.Value.GetProperty("operationId").GetString()!, o.Value))),
    ];
}
