using System.Net.Http.Json;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// Menu depth in the simulation: a steak whose temperature is required and whose sides are priced, a pie that a
/// manager 86es (sold out, counted, available again) between steps; lines drawn with options (sometimes missing the
/// required one: refused), seats, courses and held lines; fires of one course. After a seed: no count below zero at any
/// point of the availability stream, each count taken or given back by exactly one line, and no line refused as sold out
/// in the journal.
/// </summary>
internal static class SimulatedMenu
{
    public const string Counted = "pie";

    /// <summary>Seats a line may be for (1 to this).</summary>
    public const int Seats = 4;

    /// <summary>The items the simulation's menu has besides the test menu's.</summary>
    public static readonly object[] Items =
    [
        new
        {
            id = "steak", name = "Steak", priceMinor = 2400, taxRateBp = 825, station = "kitchen",
            modifierGroups = new object[]
            {
                new { id = "temp", name = "Temperature", min = 1, max = 1, options = new object[] { new { id = "rare", name = "Rare", priceMinor = 0 }, new { id = "medium", name = "Medium", priceMinor = 0 } } },
                new { id = "sides", name = "Sides", min = 0, max = 2, options = new object[] { new { id = "fries", name = "Fries", priceMinor = 300 }, new { id = "salad", name = "Salad", priceMinor = 275 } } },
            },
        },
        new { id = Counted, name = "Pie", priceMinor = 650, taxRateBp = 825, station = "kitchen" },
    ];

    /// <summary>An add-line body: the item drawn, or a steak with options, or the pie; a seat, a course, held sometimes.</summary>
    public static object Line(SimulationWorld world, string drawn)
    {
        var rng = world.Random;
        var kind = rng.NextDouble();
        int? course = rng.NextDouble() < 0.5 ? rng.Next(1, 4) : null;
        int? seat = rng.NextDouble() < 0.5 ? rng.Next(1, Seats + 1) : null;
        bool? hold = course is not null && rng.NextDouble() < 0.3 ? true : null;
        if (kind < 0.25)
        {
            var options = new List<object>();
            if (rng.NextDouble() < 0.9)
            {
                options.Add(new { groupId = "temp", optionId = rng.NextDouble() < 0.5 ? "rare" : "medium" });
            }
            if (rng.NextDouble() < 0.5)
            {
                options.Add(new { groupId = "sides", optionId = rng.NextDouble() < 0.5 ? "fries" : "salad" });
            }
            return new { lineId = world.NewId(), menuItemId = "steak", quantity = rng.Next(1, 3), options, seat, course, hold };
        }
        var item = kind < 0.45 ? Counted : drawn;
        return new { lineId = world.NewId(), menuItemId = item, quantity = rng.Next(1, 4), seat, course, hold };
    }

    /// <summary>A fire: of one course sometimes, else of every pending line not held.</summary>
    public static object Fire(Random rng) => rng.NextDouble() < 0.4 ? new { course = rng.Next(1, 4) } : new { };

    /// <summary>A manager 86es the pie, counts it, or makes it available again; sometimes the request is sent twice.</summary>
    public static async Task SetAvailabilityAsync(SimulationWorld world, HttpClient manager)
    {
        var rng = world.Random;
        object body = rng.NextDouble() switch
        {
            < 0.25 => new { status = "sold-out" },
            < 0.40 => new { status = "available" },
            _ => new { status = "available", remaining = rng.Next(0, 5) },
        };
        var key = Guid.NewGuid().ToString("N");
        for (var i = rng.NextDouble() < 0.2 ? 2 : 1; i > 0; i--)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/menu/items/{Counted}/availability") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await manager.SendAsync(request);
            world.Log.Add($"manager 86 {JsonSerializer.Serialize(body)} -> {(int)response.StatusCode}");
            Assert.True(response.IsSuccessStatusCode, $"the 86 answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>What is left of the counted item now (null: not counted).</summary>
    public static async Task<int?> RemainingAsync(HttpClient admin)
    {
        var menu = await admin.GetJsonAsync("/api/v1/menu");
        return menu.GetProperty("availability").EnumerateArray()
            .Where(a => a.GetProperty("menuItemId").GetString() == Counted && a.GetProperty("remaining").ValueKind == JsonValueKind.Number)
            .Select(a => (int?)a.GetProperty("remaining").GetInt32()).FirstOrDefault();
    }

    /// <summary>Notes a line the appliance refused because its item was sold out or short: it must be nowhere in the journal.</summary>
    public static void NoteRefusal(SimulationWorld world, string path, object body, string? problemCode)
    {
        if (path.EndsWith("/lines", StringComparison.Ordinal) && problemCode is "item-sold-out" or "not-enough-left")
        {
            world.RefusedAsSoldOut.Add(JsonSerializer.SerializeToElement(body, PosClient.Json).GetProperty("lineId").GetGuid());
        }
    }

    /// <summary>The invariants of the 86 over this seed's journal, from the count the seed started with.</summary>
    public static async Task CheckAsync(SimulationFixture fixture, SimulationWorld world, int? startRemaining, long before)
    {
        var journal = new List<JsonElement>();
        for (var after = before; ;)
        {
            var page = await fixture.Admin.GetJsonAsync($"/api/v1/journal?after={after}&limit=1000");
            var events = page.GetProperty("events").EnumerateArray().ToList();
            if (events.Count == 0)
            {
                break;
            }
            journal.AddRange(events);
            after = page.GetProperty("lastSeq").GetInt64();
        }
        string TypeOf(JsonElement e) => e.GetProperty("type").GetString()!;
        var remaining = startRemaining;
        foreach (var e in journal.Where(e => e.GetProperty("streamId").GetString() == "availability"))
        {
            var data = e.GetProperty("data");
            if (data.GetProperty("menuItemId").GetString() != Counted)
            {
                continue;
            }
            remaining = TypeOf(e) switch
            {
                "ItemAvailabilitySet" => data.GetProperty("soldOut").GetBoolean() || data.GetProperty("remaining").ValueKind != JsonValueKind.Number
                    ? null : data.GetProperty("remaining").GetInt32(),
                "ItemCountTaken" => remaining - data.GetProperty("quantity").GetInt32(),
                "ItemCountReturned" => remaining + data.GetProperty("quantity").GetInt32(),
                var other => throw new InvalidOperationException($"unexpected {other} in the availability stream"),
            };
            Assert.True(remaining is null or >= 0, $"the count of {Counted} went to {remaining} at seq {e.GetProperty("seq").GetInt64()}");
        }
        Assert.Equal(remaining, await RemainingAsync(fixture.Admin));

        // Each count taken by exactly one counted line, each given back by exactly one void of a line not fired.
        var added = journal.Where(e => TypeOf(e) == "LineAdded").Select(e => e.GetProperty("data")).ToList();
        var counted = added.Where(d => d.TryGetProperty("counted", out var c) && c.GetBoolean()).Select(d => d.GetProperty("lineId").GetGuid()).Order().ToList();
        var taken = journal.Where(e => TypeOf(e) == "ItemCountTaken").Select(e => e.GetProperty("data").GetProperty("lineId").GetGuid()).Order().ToList();
        Assert.Equal(counted, taken);
        var returned = journal.Where(e => TypeOf(e) == "ItemCountReturned").Select(e => e.GetProperty("data").GetProperty("lineId").GetGuid()).Order().ToList();
        var voidedPending = journal.Where(e => TypeOf(e) == "LineVoided" && !e.GetProperty("data").GetProperty("wasFired").GetBoolean())
            .Select(e => e.GetProperty("data").GetProperty("lineId").GetGuid()).Where(counted.Contains).Order().ToList();
        Assert.Equal(voidedPending, returned);

        // A line refused as sold out changed nothing.
        Assert.Empty(added.Select(d => d.GetProperty("lineId").GetGuid()).Intersect(world.RefusedAsSoldOut));
    }
}
