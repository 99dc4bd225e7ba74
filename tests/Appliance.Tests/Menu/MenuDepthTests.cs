using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Appliance.Tests.Events;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Menu;

/// <summary>
/// Menu depth on a real appliance: modifier groups checked and priced on lines and kept as they were when the menu
/// changes; the 86 (sold out, counts taken in the line's own transaction, the last one to exactly one phone, a pending
/// void giving its count back); seats, courses, held lines and the fire of one course; the same through a device batch.
/// </summary>
public sealed class MenuDepthTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private readonly HttpClient _admin = fixture.Client;

    internal static object Menu(long steakPrice = 2500, string mediumName = "Medium") => new
    {
        currency = "USD",
        categories = new object[] { new { id = "mains", name = "Mains" } },
        items = new object[]
        {
            new
            {
                id = "steak", name = "Steak", priceMinor = steakPrice, taxRateBp = 1000, station = "kitchen", categoryId = "mains",
                modifierGroups = new object[]
                {
                    new
                    {
                        id = "temp", name = "Temperature", min = 1, max = 1,
                        options = new object[] { new { id = "rare", name = "Rare", priceMinor = 0 }, new { id = "medium", name = mediumName, priceMinor = 0 } },
                    },
                    new
                    {
                        id = "sides", name = "Sides", min = 0, max = 2,
                        options = new object[]
                        {
                            new { id = "fries", name = "Fries", priceMinor = 300 }, new { id = "salad", name = "Salad", priceMinor = 250 },
                            new { id = "mash", name = "Mash", priceMinor = 0 },
                        },
                    },
                },
            },
            new { id = "pie", name = "Pie", priceMinor = 600, taxRateBp = 0, station = "kitchen" },
            new { id = "soup", name = "Soup", priceMinor = 500, taxRateBp = 0, station = "kitchen" },
            new { id = "soda", name = "Soda", priceMinor = 199, taxRateBp = 0, station = "bar" },
        },
    };

    private static object[] Options(params (string Group, string Option)[] chosen) =>
        [.. chosen.Select(c => new { groupId = c.Group, optionId = c.Option })];

    private async Task<Guid> OrderAsync()
    {
        var orderId = Guid.NewGuid();
        (await _admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
        return orderId;
    }

    private Task<HttpResponseMessage> AddAsync(Guid orderId, string item, int quantity = 1, object[]? options = null, int? seat = null, int? course = null, bool? hold = null) =>
        _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines", new { lineId = Guid.NewGuid(), menuItemId = item, quantity, options, seat, course, hold });

    private Task<HttpResponseMessage> SetAsync(string item, string status, int? remaining = null) =>
        _admin.PutAsJsonAsync($"/api/v1/menu/items/{item}/availability", new { status, remaining });

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? field = null)
    {
        var problem = await response.JsonAsync();
        Assert.True(response.StatusCode == status, $"answered {(int)response.StatusCode}, not {(int)status}: {problem}");
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem does not name {field}: {problem}");
        }
    }

    [Fact]
    public async Task Options_are_checked_against_the_menu_priced_with_the_line_and_kept_as_they_were_when_the_menu_changes()
    {
        (await _admin.PutAsJsonAsync("/api/v1/menu", Menu())).EnsureSuccessStatusCode();
        var menu = await _admin.GetJsonAsync("/api/v1/menu");
        Assert.Equal(2, menu.GetProperty("items")[0].GetProperty("modifierGroups").GetArrayLength());

        var orderId = await OrderAsync();
        var head = await fixture.HeadSeqAsync();
        await AssertProblemAsync(await AddAsync(orderId, "steak"), HttpStatusCode.BadRequest, "validation-failed", "options");
        await AssertProblemAsync(await AddAsync(orderId, "steak", options: Options(("temp", "blue"))), HttpStatusCode.BadRequest, "validation-failed", "options[0].optionId");
        await AssertProblemAsync(await AddAsync(orderId, "steak", options: Options(("sauce", "pepper"))), HttpStatusCode.BadRequest, "validation-failed", "options[0].groupId");
        await AssertProblemAsync(await AddAsync(orderId, "steak", options: Options(("temp", "rare"), ("temp", "medium"))), HttpStatusCode.BadRequest, "validation-failed", "options[1]");
        await AssertProblemAsync(await AddAsync(orderId, "steak", options: Options(("temp", "rare"), ("sides", "fries"), ("sides", "salad"), ("sides", "mash"))),
            HttpStatusCode.BadRequest, "validation-failed", "options[3]");
        Assert.Equal(head, await fixture.HeadSeqAsync());

        using var added = await AddAsync(orderId, "steak", 2, Options(("temp", "medium"), ("sides", "fries"), ("sides", "salad")), seat: 3, course: 2);
        var order = await added.JsonAsync();
        Assert.True(added.IsSuccessStatusCode, order.ToString());
        var line = order.GetProperty("lines")[0];
        Assert.Equal(2500 + 300 + 250, line.GetProperty("unitPriceMinor").GetInt64());
        Assert.Equal(2 * 3050, line.GetProperty("netMinor").GetInt64());
        Assert.Equal(610, line.GetProperty("taxMinor").GetInt64()); // 10 % of the whole line, options included
        Assert.Equal(3, line.GetProperty("seat").GetInt32());
        Assert.Equal(2, line.GetProperty("course").GetInt32());
        Assert.Equal(["Medium", "Fries", "Salad"], line.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("name").GetString()));

        // The menu changes: the line keeps its names and prices; a new line is priced and named as the menu now says.
        (await _admin.PutAsJsonAsync("/api/v1/menu", Menu(steakPrice: 3000, mediumName: "À point"))).EnsureSuccessStatusCode();
        using var second = await AddAsync(orderId, "steak", options: Options(("temp", "medium")));
        var now = await second.JsonAsync();
        Assert.Equal(3050, now.GetProperty("lines")[0].GetProperty("unitPriceMinor").GetInt64());
        Assert.Equal("Medium", now.GetProperty("lines")[0].GetProperty("options")[0].GetProperty("name").GetString());
        Assert.Equal(3000, now.GetProperty("lines")[1].GetProperty("unitPriceMinor").GetInt64());
        Assert.Equal("À point", now.GetProperty("lines")[1].GetProperty("options")[0].GetProperty("name").GetString());
        (await _admin.PutAsJsonAsync("/api/v1/menu", Menu())).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_menu_with_a_wrong_modifier_group_is_refused_naming_the_field()
    {
        var bad = JsonSerializer.SerializeToNode(Menu())!;
        bad["items"]![0]!["modifierGroups"]![1]!["max"] = 4;
        using var tooMany = await _admin.PutAsJsonAsync("/api/v1/menu", bad);
        await AssertProblemAsync(tooMany, HttpStatusCode.BadRequest, "validation-failed", "items[0].modifierGroups[1].max");
        bad = JsonSerializer.SerializeToNode(Menu())!;
        bad["items"]![0]!["modifierGroups"]![0]!["min"] = 2;
        using var minOverMax = await _admin.PutAsJsonAsync("/api/v1/menu", bad);
        await AssertProblemAsync(minOverMax, HttpStatusCode.BadRequest, "validation-failed", "items[0].modifierGroups[0].max");
        bad = JsonSerializer.SerializeToNode(Menu())!;
        bad["items"]![0]!["modifierGroups"]![1]!["options"]![0]!["priceMinor"] = -1;
        using var negative = await _admin.PutAsJsonAsync("/api/v1/menu", bad);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        bad = JsonSerializer.SerializeToNode(Menu())!;
        bad["items"]![0]!["modifierGroups"]![1]!["id"] = "temp";
        using var twice = await _admin.PutAsJsonAsync("/api/v1/menu", bad);
        await AssertProblemAsync(twice, HttpStatusCode.BadRequest, "validation-failed", "items[0].modifierGroups[1].id");
    }

    [Fact]
    public async Task A_sold_out_item_is_refused_with_nothing_changed_and_available_again_takes_lines()
    {
        (await _admin.PutAsJsonAsync("/api/v1/menu", Menu())).EnsureSuccessStatusCode();
        var orderId = await OrderAsync();
        var key = Guid.NewGuid().ToString();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/menu/items/soup/availability") { Content = JsonContent.Create(new { status = "sold-out" }) };
            request.Headers.Add("Idempotency-Key", key);
            using var set = await _admin.SendAsync(request);
            Assert.Equal("sold-out", (await set.JsonAsync()).GetProperty("status").GetString());
        }
        var journal = await _admin.ReadJournalAsync();
        Assert.Single(journal, e => e.GetProperty("type").GetString() == "ItemAvailabilitySet" && e.GetProperty("data").GetProperty("menuItemId").GetString() == "soup");
        Assert.Contains((await _admin.GetJsonAsync("/api/v1/menu")).GetProperty("availability").EnumerateArray(),
            a => a.GetProperty("menuItemId").GetString() == "soup" && a.GetProperty("status").GetString() == "sold-out");

        var head = await fixture.HeadSeqAsync();
        await AssertProblemAsync(await AddAsync(orderId, "soup"), HttpStatusCode.Conflict, "item-sold-out");
        Assert.Equal(head, await fixture.HeadSeqAsync());
        await AssertProblemAsync(await SetAsync("soup", "sold-out", 3), HttpStatusCode.BadRequest, "validation-failed", "remaining");
        await AssertProblemAsync(await SetAsync("nothing-such", "sold-out"), HttpStatusCode.UnprocessableEntity, "unknown-menu-item");
        await AssertProblemAsync(await SetAsync("soup", "gone"), HttpStatusCode.BadRequest, "validation-failed", "status");

        (await SetAsync("soup", "available")).EnsureSuccessStatusCode();
        (await AddAsync(orderId, "soup")).EnsureSuccessStatusCode();
        Assert.DoesNotContain((await _admin.GetJsonAsync("/api/v1/menu")).GetProperty("availability").EnumerateArray(),
            a => a.GetProperty("menuItemId").GetString() == "soup");
    }

    [Fact]
    public async Task The_last_ones_go_to_exactly_as_many_phones_racing_for_them_and_the_count_never_goes_below_zero()
    {
        (await _admin.PutAsJsonAsync("/api/v1/menu", Menu())).EnsureSuccessStatusCode();
        for (var round = 0; round < 3; round++)
        {
            const int Left = 3;
            (await SetAsync("pie", "available", Left)).EnsureSuccessStatusCode();
            var orders = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => OrderAsync()));
            var phones = orders.Select(_ => fixture.Appliance.NewClient()).ToList();
            var answers = await Task.WhenAll(orders.Select((o, i) =>
                phones[i].PostAsJsonAsync($"/api/v1/orders/{o}/lines", new { lineId = Guid.NewGuid(), menuItemId = "pie", quantity = 1 })));
            Assert.Equal(Left, answers.Count(a => a.IsSuccessStatusCode));
            foreach (var refused in answers.Where(a => !a.IsSuccessStatusCode))
            {
                await AssertProblemAsync(refused, HttpStatusCode.Conflict, "item-sold-out");
            }
            var pie = (await _admin.GetJsonAsync("/api/v1/menu")).GetProperty("availability").EnumerateArray().Single(a => a.GetProperty("menuItemId").GetString() == "pie");
            Assert.Equal(0, pie.GetProperty("remaining").GetInt32());
            Assert.Equal("sold-out", pie.GetProperty("status").GetString());
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
            phones.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public async Task A_count_takes_each_quantity_refuses_more_than_is_left_and_a_pending_void_gives_it_back_but_a_fired_one_does_not()
    {
        (await _admin.PutAsJsonAsync("/api/v1/menu", Menu())).EnsureSuccessStatusCode();
        (await SetAsync("pie", "available", 5)).EnsureSuccessStatusCode();
        var orderId = await OrderAsync();
        await AssertProblemAsync(await AddAsync(orderId, "pie", 6), HttpStatusCode.Conflict, "not-enough-left", "quantity");
        var pending = Guid.NewGuid();
        var fired = Guid.NewGuid();
        (await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines", new { lineId = fired, menuItemId = "pie", quantity = 2 })).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { })).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines", new { lineId = pending, menuItemId = "pie", quantity = 3 })).EnsureSuccessStatusCode();
        Assert.Equal(0, await RemainingAsync("pie"));
        (await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines/{pending}/void", new { reason = "guest left" })).EnsureSuccessStatusCode();
        Assert.Equal(3, await RemainingAsync("pie"));
        (await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines/{fired}/void", new { reason = "dropped" })).EnsureSuccessStatusCode();
        Assert.Equal(3, await RemainingAsync("pie"));
        var journal = await _admin.ReadJournalAsync();
        Assert.Single(journal, e => e.GetProperty("type").GetString() == "ItemCountReturned" && e.GetProperty("data").GetProperty("lineId").GetGuid() == pending);
        (await SetAsync("pie", "available")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_count_set_while_lines_take_from_it_is_set_on_top_and_never_goes_below_zero()
    {
        (await _admin.PutAsJsonAsync("/api/v1/menu", Menu())).EnsureSuccessStatusCode();
        (await SetAsync("pie", "available", 10)).EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();
        var orders = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => OrderAsync()));
        var adds = orders.Select(o => _admin.PostAsJsonAsync($"/api/v1/orders/{o}/lines", new { lineId = Guid.NewGuid(), menuItemId = "pie", quantity = 2 })).ToList();
        var set = SetAsync("pie", "available", 3);
        var answers = await Task.WhenAll(adds);
        (await set).EnsureSuccessStatusCode();
        // Folded from the journal: the set replaced what was left; each line took from the count as it was when it landed.
        int? left = 10;
        foreach (var e in (await _admin.ReadJournalAsync()).Where(e => e.GetProperty("seq").GetInt64() > head && e.GetProperty("streamId").GetString() == "availability"))
        {
            var data = e.GetProperty("data");
            left = e.GetProperty("type").GetString() == "ItemAvailabilitySet" ? data.GetProperty("remaining").GetInt32() : left - data.GetProperty("quantity").GetInt32();
            Assert.True(left >= 0, $"the count went to {left}");
        }
        Assert.Equal(left, await RemainingAsync("pie"));
        Assert.All(answers.Where(a => !a.IsSuccessStatusCode), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        (await SetAsync("pie", "available")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_course_fired_while_a_line_is_added_to_it_fires_the_line_now_or_leaves_it_for_the_next_fire_never_half()
    {
        (await _admin.PutAsJsonAsync("/api/v1/menu", Menu())).EnsureSuccessStatusCode();
        var orderId = await OrderAsync();
        (await AddAsync(orderId, "soup", course: 2, hold: true)).EnsureSuccessStatusCode();
        var racing = Guid.NewGuid();
        using var phone = fixture.Appliance.NewClient();
        var add = phone.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines", new { lineId = racing, menuItemId = "pie", quantity = 1, course = 2 });
        var fire = _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { course = 2 });
        (await add).EnsureSuccessStatusCode();
        (await fire).EnsureSuccessStatusCode();
        var order = await _admin.GetJsonAsync($"/api/v1/orders/{orderId}");
        var status = order.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("lineId").GetGuid() == racing).GetProperty("status").GetString();
        Assert.Contains(status, new[] { "fired", "pending" });
        (await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { course = 2 })).EnsureSuccessStatusCode();
        order = await _admin.GetJsonAsync($"/api/v1/orders/{orderId}");
        Assert.All(order.GetProperty("lines").EnumerateArray(), l => Assert.Equal("fired", l.GetProperty("status").GetString()));
        var fired = (await _admin.ReadJournalAsync()).Where(e => e.GetProperty("streamId").GetString() == $"order-{orderId}" && e.GetProperty("type").GetString() == "OrderFired")
            .SelectMany(e => e.GetProperty("data").GetProperty("lineIds").EnumerateArray().Select(x => x.GetGuid())).ToList();
        Assert.Equal(2, fired.Count);
        Assert.Single(fired, racing);
    }

    private async Task<int?> RemainingAsync(string item) =>
        (await _admin.GetJsonAsync("/api/v1/menu")).GetProperty("availability").EnumerateArray()
            .Where(a => a.GetProperty("menuItemId").GetString() == item)
            .Select(a => a.GetProperty("remaining").ValueKind == JsonValueKind.Null ? (int?)null : a.GetProperty("remaining").GetInt32())
            .FirstOrDefault();

    [Fact]
    public async Task A_plain_fire_leaves_held_lines_and_a_course_fire_sends_only_that_course_held_or_not()
    {
        (await _admin.PutAsJsonAsync("/api/v1/menu", Menu())).EnsureSuccessStatusCode();
        var orderId = await OrderAsync();
        (await AddAsync(orderId, "soup", seat: 1, course: 1)).EnsureSuccessStatusCode();
        (await AddAsync(orderId, "steak", options: Options(("temp", "rare")), seat: 1, course: 2, hold: true)).EnsureSuccessStatusCode();
        (await AddAsync(orderId, "pie", seat: 2, course: 3)).EnsureSuccessStatusCode();
        (await AddAsync(orderId, "soda")).EnsureSuccessStatusCode();
        await AssertProblemAsync(await AddAsync(orderId, "soda", hold: true), HttpStatusCode.BadRequest, "validation-failed", "hold");
        await AssertProblemAsync(await AddAsync(orderId, "soda", course: 10), HttpStatusCode.BadRequest, "validation-failed");

        using var plain = await _admin.PostAsync($"/api/v1/orders/{orderId}/fire", null);
        var order = await plain.JsonAsync();
        Assert.Equal(["fired", "pending", "fired", "fired"], order.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("status").GetString()));
        Assert.True(order.GetProperty("lines")[1].GetProperty("held").GetBoolean());

        (await AddAsync(orderId, "soup", course: 2)).EnsureSuccessStatusCode();
        (await AddAsync(orderId, "pie", course: 3)).EnsureSuccessStatusCode();
        using var mains = await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { course = 2 });
        order = await mains.JsonAsync();
        Assert.Equal(["fired", "fired", "fired", "fired", "fired", "pending"], order.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("status").GetString()));
        Assert.False(order.GetProperty("lines")[1].GetProperty("held").GetBoolean());
        var fire = (await _admin.ReadJournalAsync()).Last(e => e.GetProperty("type").GetString() == "OrderFired");
        Assert.Equal(2, fire.GetProperty("data").GetProperty("course").GetInt32());
        await AssertProblemAsync(await _admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { course = 0 }), HttpStatusCode.BadRequest, "validation-failed", "course");
    }

    [Fact]
    public async Task A_device_batch_carries_options_seats_courses_and_a_course_fire_and_availability_comes_on_the_event_stream()
    {
        (await _admin.PutAsJsonAsync("/api/v1/menu", Menu())).EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();
        await using var events = await EventStreamReader.OpenAsync(_admin, $"?after={head}&streams=menu");
        (await SetAsync("soup", "sold-out")).EnsureSuccessStatusCode();
        var block = await events.NextEventAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("ItemAvailabilitySet", block.Event);
        (await SetAsync("soup", "available")).EnsureSuccessStatusCode();

        var orderId = Guid.NewGuid();
        var lineId = Guid.NewGuid();
        var issuedAt = DateTimeOffset.UtcNow;
        var deviceId = "menu-till-" + Guid.NewGuid().ToString("N")[..8];
        using var till = fixture.Appliance.NewClient(await _admin.RegisterDeviceAsync(deviceId, "server"));
        using var batch = await till.PostAsJsonAsync("/api/v1/sync/commands", new
        {
            deviceId,
            commands = new object[]
            {
                new { commandId = $"m-{Guid.NewGuid()}", type = "open-order", orderId, issuedAt, payload = (object)new { orderId, channel = "dine-in", table = "4" } },
                new
                {
                    commandId = $"m-{Guid.NewGuid()}", type = "add-line", orderId, issuedAt,
                    payload = (object)new { lineId, menuItemId = "steak", quantity = 1, options = Options(("temp", "rare"), ("sides", "mash")), seat = 2, course = 2, hold = true },
                },
                new { commandId = $"m-{Guid.NewGuid()}", type = "fire", orderId, issuedAt, payload = (object)new { } },
                new { commandId = $"m-{Guid.NewGuid()}", type = "fire", orderId, issuedAt, payload = (object)new { course = 2 } },
            },
        });
        var results = (await batch.JsonAsync()).GetProperty("results");
        Assert.True(batch.IsSuccessStatusCode, results.ToString());
        Assert.Equal(["applied", "applied", "duplicate", "applied"], results.EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));
        var order = await _admin.GetJsonAsync($"/api/v1/orders/{orderId}");
        var line = order.GetProperty("lines")[0];
        Assert.Equal(("fired", 2, 2, 2), (line.GetProperty("status").GetString(), line.GetProperty("seat").GetInt32(), line.GetProperty("course").GetInt32(),
            line.GetProperty("options").GetArrayLength()));
    }
}
