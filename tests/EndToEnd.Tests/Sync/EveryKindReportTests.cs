using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Grains.Clock;
using Pos.Tests.Shared;
using Pos.Tools;

namespace Pos.EndToEnd.Tests.Sync;

/// <summary>
/// A day of service with every kind of command, sent to the appliance as a terminal sends them, replayed to a real
/// cloud process: options, seats and courses, an 86 count, a split by seat, an even split, lines moved, checks merged
/// and transferred, a void, a discount and a comp, a tip adjusted from the slip, refunds the same day and the next,
/// and at the end of the day a tab carried over and a walk-out closed with a reason. HQ's report of each date is the
/// store's own, figure for figure, and every kind shows in it.
/// </summary>
public sealed class EveryKindReportTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly StoreClockOptions NewYork = new() { TimeZoneId = "America/New_York", DayStarts = TimeSpan.FromHours(4) };
    private static readonly DateOnly Day = new(2026, 11, 25);
    private static readonly DateOnly NextDay = Day.AddDays(1);

    /// <summary>What only one side says: the store's report names its last seq, the cloud's completeness sits beside it.</summary>
    private static readonly HashSet<string> NotFigures = ["throughSeq"];

    private static object Menu() => PosClient.Menu(new
    {
        id = "steak", name = "Steak", priceMinor = 2500, taxRateBp = 825, station = "kitchen",
        modifierGroups = new object[]
        {
            new { id = "temp", name = "Temperature", min = 1, max = 1, options = new object[] { new { id = "rare", name = "Rare", priceMinor = 0 }, new { id = "medium", name = "Medium", priceMinor = 0 } } },
            new { id = "sides", name = "Sides", min = 0, max = 1, options = new object[] { new { id = "fries", name = "Fries", priceMinor = 300 } } },
        },
    });

    [Fact]
    public async Task A_day_with_every_kind_reports_the_same_in_the_store_and_at_hq_on_the_right_dates()
    {
        await using var rig = await SyncRig.StartAsync(ProxyMode.Pass);
        var link = await rig.LinkAsync("everykind");
        // 17:00 in New York on 2026-11-25; the business day turns at 04:00.
        await using var appliance = await ApplianceFactory.StartAsync(NewYork, new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.FromHours(-5)), link);
        using var store = appliance.NewClient();
        await SendAsync(store, HttpMethod.Put, "/api/v1/menu", Menu());
        await SendAsync(store, HttpMethod.Put, "/api/v1/menu/items/burger/availability", new { status = "available", remaining = 20 });

        // A table of two: a steak (medium, with fries) for seat 1 held for course 2, a burger and a soda for seat 2.
        var a = await OpenAsync(store, "1");
        await LineAsync(store, a, "steak", 1, new
        {
            options = new object[] { new { groupId = "temp", optionId = "medium" }, new { groupId = "sides", optionId = "fries" } },
            seat = 1, course = 2, hold = true,
        });
        await LineAsync(store, a, "burger", 1, new { seat = 2, course = 1 });
        await LineAsync(store, a, "soda", 1, new { seat = 2 });
        await PostAsync(store, $"/orders/{a}/fire", new { });
        await PostAsync(store, $"/orders/{a}/fire", new { course = 2 });
        // A check for each seat: seat 1 pays by card (its tip corrected from the slip), seat 2 in cash with 10 % off.
        var split = await PostAsync(store, $"/orders/{a}/split", new { mode = "seats" });
        var seats = split.GetProperty("orders").EnumerateArray().Skip(1).Select(o => o.GetProperty("orderId").GetGuid()).ToList();
        Assert.Equal(2, seats.Count);
        var card = await PayAsync(store, seats[0], "card", tip: 400);
        await CloseAsync(store, seats[0]);
        await PostAsync(store, $"/orders/{seats[0]}/payments/{card}/tip", new { tipMinor = 600 });
        await PostAsync(store, $"/orders/{seats[1]}/discounts", new { discountId = Guid.NewGuid(), percentBp = 1_000, reason = "regulars" });
        await PayAsync(store, seats[1], "cash");
        await CloseAsync(store, seats[1]);
        await PostAsync(store, $"/orders/{seats[1]}/refunds", new { refundId = Guid.NewGuid(), amountMinor = 150, tender = "cash", reason = "cold fries" });
        await CloseAsync(store, a); // the table's own check, nothing left on it

        // Two IPAs and fries, the fries voided, one IPA line comped; the bar's soda merged in; moved to table 4; split evenly.
        var b = await OpenAsync(store, "2");
        await LineAsync(store, b, "ipa", 2);
        var fries = await LineAsync(store, b, "fries", 1);
        await PostAsync(store, $"/orders/{b}/fire", new { });
        await PostAsync(store, $"/orders/{b}/lines/{fries}/void", new { reason = "sent back" });
        var comped = await LineAsync(store, b, "ipa", 1);
        await PostAsync(store, $"/orders/{b}/discounts", new { discountId = Guid.NewGuid(), lineId = comped, reason = "birthday", comp = true });
        var bar = await OpenAsync(store, "bar");
        await LineAsync(store, bar, "soda", 2);
        await PostAsync(store, $"/orders/{b}/merge", new { fromOrderId = bar });
        await PostAsync(store, $"/orders/{b}/transfer", new { table = "4" });
        var even = await PostAsync(store, $"/orders/{b}/split", new { mode = "even", parts = 2 });
        foreach (var part in even.GetProperty("orders")[0].GetProperty("evenPartsMinor").EnumerateArray())
        {
            await PayAsync(store, b, "card", amount: part.GetInt64());
        }
        await CloseAsync(store, b);

        // A soda moved from one table to another; both paid.
        var g = await OpenAsync(store, "7");
        await LineAsync(store, g, "burger", 1);
        var soda = await LineAsync(store, g, "soda", 1);
        var h = await OpenAsync(store, "8");
        await LineAsync(store, h, "fries", 1);
        await PostAsync(store, $"/orders/{g}/move-lines", new { toOrderId = h, lineIds = new[] { soda } });
        foreach (var order in new[] { g, h })
        {
            await PayAsync(store, order, "card");
            await CloseAsync(store, order);
        }

        // Paid by card today, refunded tomorrow; and two tabs still open when the day ends.
        var f = await OpenAsync(store, "9");
        var refundedLine = await LineAsync(store, f, "burger", 1);
        await PayAsync(store, f, "card");
        await CloseAsync(store, f);
        var walkOut = await OpenAsync(store, "10");
        await LineAsync(store, walkOut, "burger", 2);
        var tab = await OpenAsync(store, "11");
        await LineAsync(store, tab, "ipa", 1);

        // 04:05 the next morning: the manager sees the two tabs, carries one over and closes the other with a reason.
        appliance.Time.Advance(TimeSpan.FromHours(11) + TimeSpan.FromMinutes(5));
        var left = await store.GetJsonAsync("/api/v1/business-days/2026-11-25/open-orders");
        Assert.True(left.GetProperty("over").GetBoolean());
        Assert.Equal(new[] { walkOut, tab }.Order(), left.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()).Order());
        await PostAsync(store, $"/orders/{walkOut}/close-with-reason", new { reason = "walked out" });
        var carried = await PostAsync(store, $"/orders/{tab}/carry-over", new { });
        var today = carried.GetProperty("orders")[1].GetProperty("orderId").GetGuid();
        // A date seals ten minutes after it ends (DaySealer.Grace), and is looked at again a minute after it was found open.
        appliance.Time.Advance(TimeSpan.FromMinutes(15));
        await Poll.UntilAsync(() => store.ReadJournalAsync(), j => j.Any(e => e.GetProperty("type").GetString() == "BusinessDaySealed"),
            Patience, "the 25th sealed once no order of it is open");

        await PayAsync(store, today, "cash");
        await CloseAsync(store, today);
        await PostAsync(store, $"/orders/{f}/refunds", new { refundId = Guid.NewGuid(), amountMinor = 1353, tender = "card", reason = "wrong order", lineIds = new[] { refundedLine } });
        await SyncRig.DrainedAsync(store, Patience);

        // Each date: the store's report and HQ's are the same, figure for figure, and the cloud says the 25th is complete.
        var first = await SameAsync(rig, store, Day);
        Assert.True((await rig.CloudReportAsync("everykind", Day)).GetProperty("complete").GetBoolean());
        var second = await SameAsync(rig, store, NextDay);

        // Every kind shows, on its date.
        Assert.Equal(150, first.GetProperty("refundsMinor").GetInt64());
        Assert.Equal(1353, second.GetProperty("refundsMinor").GetInt64());
        Assert.Equal(1353, second.GetProperty("refundTenders").GetProperty("card").GetInt64());
        Assert.Equal(200, first.GetProperty("tipAdjustmentsMinor").GetInt64());
        Assert.Equal(700, first.GetProperty("compsMinor").GetInt64());
        Assert.True(first.GetProperty("discountsMinor").GetInt64() > 0);
        Assert.Equal(475, first.GetProperty("voidsMinor").GetInt64());
        Assert.Equal(2706, first.GetProperty("writtenOffMinor").GetInt64()); // two burgers with 8.25 % tax
        Assert.Equal(1, first.GetProperty("ordersWrittenOff").GetInt32());
        Assert.Equal(1, first.GetProperty("ordersCarriedOver").GetInt32());
        Assert.Equal(1, first.GetProperty("ordersMerged").GetInt32());
        Assert.Equal(0, first.GetProperty("ordersOpen").GetInt32());
        Assert.Equal(1, second.GetProperty("ordersClosed").GetInt32());
    }

    /// <summary>The store's report of <paramref name="date"/> and HQ's for the store: every figure the same.</summary>
    private static async Task<JsonElement> SameAsync(SyncRig rig, HttpClient store, DateOnly date)
    {
        var ours = await store.GetJsonAsync($"/api/v1/reports/daily?businessDate={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        var hq = (await rig.CloudReportAsync("everykind", date)).GetProperty("report");
        var names = ours.EnumerateObject().Select(p => p.Name).Where(n => !NotFigures.Contains(n)).ToList();
        Assert.Equal(names.Order(), hq.EnumerateObject().Select(p => p.Name).Where(n => !NotFigures.Contains(n)).Order());
        foreach (var name in names)
        {
            Assert.True(JsonElement.DeepEquals(ours.GetProperty(name), hq.GetProperty(name)),
                $"{date}: {name} is {ours.GetProperty(name)} in the store and {hq.GetProperty(name)} at HQ");
        }
        return ours;
    }

    private static async Task<Guid> OpenAsync(HttpClient store, string table)
    {
        var orderId = Guid.NewGuid();
        await PostAsync(store, "/orders", new { orderId, channel = "dine-in", table });
        return orderId;
    }

    private static async Task<Guid> LineAsync(HttpClient store, Guid orderId, string item, int quantity, object? more = null)
    {
        var lineId = Guid.NewGuid();
        var body = JsonSerializer.SerializeToNode(new { lineId, menuItemId = item, quantity })!.AsObject();
        if (more is not null)
        {
            foreach (var (name, value) in JsonSerializer.SerializeToNode(more)!.AsObject().ToList())
            {
                body[name] = value?.DeepClone();
            }
        }
        await PostAsync(store, $"/orders/{orderId}/lines", body);
        return lineId;
    }

    /// <summary>Pays <paramref name="amount"/>, or what is still owed; returns the payment's id.</summary>
    private static async Task<Guid> PayAsync(HttpClient store, Guid orderId, string tender, long? amount = null, long tip = 0)
    {
        var paymentId = Guid.NewGuid();
        amount ??= (await store.GetJsonAsync($"/api/v1/orders/{orderId}")).GetProperty("balanceMinor").GetInt64();
        await PostAsync(store, $"/orders/{orderId}/payments", new { paymentId, tender, amountMinor = amount, tipMinor = tip });
        return paymentId;
    }

    private static Task<JsonElement> CloseAsync(HttpClient store, Guid orderId) => PostAsync(store, $"/orders/{orderId}/close", new { });

    private static Task<JsonElement> PostAsync(HttpClient store, string path, object body) => SendAsync(store, HttpMethod.Post, "/api/v1" + path, body);

    private static async Task<JsonElement> SendAsync(HttpClient store, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await store.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
