using System.Net;
using System.Net.Http.Json;
using Pos.Appliance.Tests.Conflicts;
using Pos.Tests.Shared;
using static Pos.Appliance.Tests.Checks.CheckClient;

namespace Pos.Appliance.Tests.Checks;

/// <summary>
/// docs/CONFLICTS.md, "Checks: moving, splitting, merging": one test per row (K1...). Two tills move, split and merge
/// the same orders; each command is one journal transaction across the orders it touches, and a line is never in two
/// orders.
/// </summary>
public sealed class CheckConflictTests(TwoTillsFixture fixture) : IClassFixture<TwoTillsFixture>
{
    private HttpClient A => fixture.TillA;
    private HttpClient B => fixture.TillB;

    [Fact]
    public async Task K1_MoveLines_MovesThemAsTheyStand_InOneTransaction_AndPrintsNothingAgain()
    {
        var from = await OpenAsync(A);
        var to = await OpenAsync(B, "14");
        var fries = await AddAsync(A, from, "fries");
        (await A.CommandAsync($"/api/v1/orders/{from}/fire", new { })).EnsureSuccessStatusCode();
        var soda = await AddAsync(A, from, "soda");
        var head = await fixture.HeadSeqAsync();

        var order = await OkAsync(await MoveAsync(A, from, to, [fries]), "applied");

        Assert.Equal([soda], LineIds(order));
        Assert.Equal(199, order.GetProperty("totalMinor").GetInt64());
        var target = await OrderAsync(A, to);
        Assert.Equal([fries], LineIds(target));
        Assert.Equal("fired", target.GetProperty("lines")[0].GetProperty("status").GetString());
        Assert.Equal(514, target.GetProperty("balanceMinor").GetInt64());
        var events = await EventsAfterAsync(fixture.Admin, head);
        Assert.Equal(["LinesMovedOut", "LinesMovedIn"], events.Select(Type));
        Assert.Equal(events[0].GetProperty("seq").GetInt64() + 1, events[1].GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task K2_MoveLines_RetriedAfterALostAnswer_IsReplayedWithItsKey_AndADuplicateWithout()
    {
        var from = await OpenAsync(A);
        var to = await OpenAsync(A, "14");
        var soda = await AddAsync(A, from, "soda");
        var key = $"move-{Guid.NewGuid()}";
        using var first = await MoveAsync(A, from, to, [soda], key);
        var firstBody = await first.Content.ReadAsStringAsync();
        var head = await fixture.HeadSeqAsync();

        using var replay = await MoveAsync(A, from, to, [soda], key);
        using var again = await MoveAsync(B, from, to, [soda]);

        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        await OkAsync(again, "duplicate");
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task K3_VoidLine_OfALineAnotherTillMoved_IsConflict_LineMoved()
    {
        var from = await OpenAsync(A);
        var to = await OpenAsync(B, "14");
        var soda = await AddAsync(A, from, "soda");
        await OkAsync(await MoveAsync(B, from, to, [soda]), "applied");

        using var voided = await A.PostAsJsonAsync($"/api/v1/orders/{from}/lines/{soda}/void", new { reason = "spilled" });

        var problem = await ProblemAsync(voided, HttpStatusCode.Conflict, "line-moved");
        Assert.Contains(to.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Voided where it is now, it is voided once.
        await OkAsync(await A.PostAsJsonAsync($"/api/v1/orders/{to}/lines/{soda}/void", new { reason = "spilled" }), "applied");
    }

    [Fact]
    public async Task K4_MoveLines_OfALineAnotherTillVoided_IsConflict_LineVoided()
    {
        var from = await OpenAsync(A);
        var to = await OpenAsync(A, "14");
        var soda = await AddAsync(A, from, "soda");
        (await B.PostAsJsonAsync($"/api/v1/orders/{from}/lines/{soda}/void", new { reason = "spilled" })).EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();

        await ProblemAsync(await MoveAsync(A, from, to, [soda]), HttpStatusCode.Conflict, "line-voided");
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task K5_MoveLines_ThatPaymentsCover_IsConflict_LinePaid()
    {
        var from = await OpenAsync(A);
        var to = await OpenAsync(A, "14");
        var fries = await AddAsync(A, from, "fries");
        await AddAsync(A, from, "soda");
        await PayAsync(B, from, "card", 514);
        var head = await fixture.HeadSeqAsync();

        await ProblemAsync(await MoveAsync(A, from, to, [fries]), HttpStatusCode.Conflict, "line-paid");
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task K5_MoveLines_OffADiscountedCheck_CountsWhatStaysAfterItsDiscounts_ConflictLinePaid()
    {
        // Fries 4.75 (8.25 % tax) and a soda 1.99, 3.00 off the whole check: 3.96 to pay, 3.00 of it paid. Without the
        // soda what stays is the fries less the discount, under 3.00; the fries with their own tax alone (5.14) are not.
        var from = await OpenAsync(A);
        var to = await OpenAsync(A, "14");
        await AddAsync(A, from, "fries");
        var soda = await AddAsync(A, from, "soda");
        (await fixture.Admin.CommandAsync($"/api/v1/orders/{from}/discounts", new { discountId = Guid.NewGuid(), amountMinor = 300, reason = "birthday" })).EnsureSuccessStatusCode();
        Assert.Equal(396, (await OrderAsync(A, from)).GetProperty("totalMinor").GetInt64());
        await PayAsync(B, from, "card", 300);
        var head = await fixture.HeadSeqAsync();

        await ProblemAsync(await MoveAsync(A, from, to, [soda]), HttpStatusCode.Conflict, "line-paid");
        Assert.Equal(head, await fixture.HeadSeqAsync());
        Assert.Equal(2, (await OrderAsync(A, from)).GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task K6_TwoTillsSplitTheSameOrderAtOnce_OneSplitLands_TheOtherIsConflict_AndNoLineIsInTwoOrders()
    {
        var parent = await OpenAsync(A);
        var fries = await AddAsync(A, parent, "fries");
        var burger = await AddAsync(A, parent, "burger");
        var (childA, childB) = (Guid.NewGuid(), Guid.NewGuid());

        var answers = await Task.WhenAll(
            SplitLinesAsync(A, parent, (childA, [fries])),
            SplitLinesAsync(B, parent, (childB, [fries, burger])));

        var outcomes = answers.Select(Outcome).Order().ToList();
        Assert.Equal(["applied", "conflict"], outcomes);
        var holders = new[] { parent, childA, childB };
        var all = new List<Guid>();
        foreach (var id in holders)
        {
            using var read = await A.GetAsync($"/api/v1/orders/{id}");
            if (read.StatusCode == HttpStatusCode.OK)
            {
                all.AddRange(LineIds(await read.JsonAsync()));
            }
        }
        Assert.Equal(new[] { fries, burger }.Order(), all.Order());
    }

    [Fact]
    public async Task K7_AToBWhileBToA_BothLand_WithoutDeadlock_EachLineOnce()
    {
        var a = await OpenAsync(A);
        var b = await OpenAsync(B, "14");
        var soda = await AddAsync(A, a, "soda");
        var fries = await AddAsync(B, b, "fries");

        var answers = await Task.WhenAll(MoveAsync(A, a, b, [soda]), MoveAsync(B, b, a, [fries]))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal([fries], LineIds(await OrderAsync(A, a)));
        Assert.Equal([soda], LineIds(await OrderAsync(A, b)));
    }

    [Fact]
    public async Task K8_Merge_TakesLinesAndPayments_ClosesTheOther_AndAgainIsDuplicate()
    {
        var into = await OpenAsync(A);
        var from = await OpenAsync(B, "14");
        await AddAsync(A, into, "soda");
        await AddAsync(B, from, "fries");
        await PayAsync(B, from, "card", 300);

        var merged = await OkAsync(await MergeAsync(A, into, from), "applied");

        Assert.Equal(199 + 514, merged.GetProperty("totalMinor").GetInt64());
        Assert.Equal(300, merged.GetProperty("paidMinor").GetInt64());
        var closed = await OrderAsync(A, from);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(into, closed.GetProperty("mergedInto").GetGuid());
        Assert.Equal(0, closed.GetProperty("paidMinor").GetInt64());
        await OkAsync(await MergeAsync(B, into, from), "duplicate");
    }

    [Fact]
    public async Task K9_APaymentRacingAMerge_EitherMovesWithIt_OrIsRefusedOnTheClosedOrder_MoneyInEqualsMoneyOut()
    {
        var into = await OpenAsync(A);
        var from = await OpenAsync(B, "14");
        await AddAsync(B, from, "fries");

        var (merge, pay) = (MergeAsync(A, into, from), B.PayAsync(from, "card", 514));
        await Task.WhenAll(merge, pay);

        Assert.Equal(HttpStatusCode.OK, (await merge).StatusCode);
        var paid = (await pay).StatusCode == HttpStatusCode.OK;
        if (!paid)
        {
            await ProblemAsync(await pay, HttpStatusCode.Conflict, "order-closed");
        }
        var family = new[] { await OrderAsync(A, into), await OrderAsync(A, from) };
        Assert.Equal(paid ? 514 : 0, family.Sum(o => o.GetProperty("paidMinor").GetInt64()));
        Assert.Equal(514, family.Sum(o => o.GetProperty("totalMinor").GetInt64()));
    }

    [Fact]
    public async Task K10_Split_ByLines_AnswersTheOrders_AndARetryWithTheSameIdsIsDuplicate()
    {
        var parent = await OpenAsync(A);
        var fries = await AddAsync(A, parent, "fries");
        var soda = await AddAsync(A, parent, "soda");
        var child = Guid.NewGuid();

        using var split = await SplitLinesAsync(A, parent, (child, [fries]));
        var orders = (await OkAsync(split, "applied")).GetProperty("orders");

        Assert.Equal([parent, child], orders.EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()));
        Assert.Equal([soda], LineIds(orders[0]));
        Assert.Equal(parent, orders[1].GetProperty("splitFrom").GetGuid());
        Assert.Equal("12", orders[1].GetProperty("table").GetString());
        var head = await fixture.HeadSeqAsync();
        await OkAsync(await SplitLinesAsync(B, parent, (child, [fries])), "duplicate");
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task K11_Split_Evenly_PartsAddUpToTheBalanceToTheCent()
    {
        var order = await OpenAsync(A);
        await AddAsync(A, order, "fries");
        await AddAsync(A, order, "soda");  // 713

        using var split = await A.CommandAsync($"/api/v1/orders/{order}/split", new { mode = "even", parts = 3 });
        var parts = (await OkAsync(split, "applied")).GetProperty("orders")[0].GetProperty("evenPartsMinor");

        Assert.Equal([238L, 238L, 237L], parts.EnumerateArray().Select(p => p.GetInt64()));
    }

    [Fact]
    public async Task K12_Split_WithAStaleIfMatch_Is412_AndChangesNothing()
    {
        var parent = await OpenAsync(A);
        var fries = await AddAsync(A, parent, "fries");
        await AddAsync(B, parent, "soda");
        var head = await fixture.HeadSeqAsync();

        using var stale = await A.CommandAsync($"/api/v1/orders/{parent}/split",
            new { mode = "lines", groups = new[] { new { orderId = Guid.NewGuid(), lineIds = new[] { fries } } } }, ifMatch: "\"2\"");

        await ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "version-mismatch");
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task K13_Transfer_MovesTableAndServer_AndTheSameTransferAgainIsDuplicate()
    {
        var order = await OpenAsync(A);

        var moved = await OkAsync(await A.CommandAsync($"/api/v1/orders/{order}/transfer", new { table = "20", employeeId = "ana" }), "applied");
        Assert.Equal("20", moved.GetProperty("table").GetString());
        Assert.Equal("ana", moved.GetProperty("serverId").GetString());
        await OkAsync(await B.CommandAsync($"/api/v1/orders/{order}/transfer", new { table = "20" }), "duplicate");
    }

    [Fact]
    public async Task K14_CloseWithReason_WritesOffTheBalance_AndTheDailyReportShowsIt()
    {
        var order = await OpenAsync(A);
        await AddAsync(A, order, "fries");
        await PayAsync(A, order, "cash", 14);
        var before = await fixture.Admin.GetJsonAsync("/api/v1/reports/daily");

        var closed = await OkAsync(await fixture.ManagerTill.CommandAsync($"/api/v1/orders/{order}/close-with-reason", new { reason = "walked out" }), "applied");

        Assert.Equal(500, closed.GetProperty("writtenOffMinor").GetInt64());
        Assert.Equal("walked out", closed.GetProperty("writeOffReason").GetString());
        var after = await fixture.Admin.GetJsonAsync("/api/v1/reports/daily");
        Assert.Equal(before.GetProperty("writtenOffMinor").GetInt64() + 500, after.GetProperty("writtenOffMinor").GetInt64());
        // A server without a manager's approval may not.
        var other = await OpenAsync(A);
        await ProblemAsync(await A.CommandAsync($"/api/v1/orders/{other}/close-with-reason", new { reason = "walked out" }), HttpStatusCode.Forbidden, "permission-denied");
    }
    [Fact]
    public async Task K15_SplitBySeat_OneOrderPerSeat_UnseatedLinesStay_AndAgainIsADuplicate()
    {
        var parent = await OpenAsync(A);
        var seat1 = Guid.NewGuid();
        var seat2 = Guid.NewGuid();
        var seat2Too = Guid.NewGuid();
        (await A.PostAsJsonAsync($"/api/v1/orders/{parent}/lines", new { lineId = seat1, menuItemId = "burger", quantity = 1, seat = 1 })).EnsureSuccessStatusCode();
        (await A.PostAsJsonAsync($"/api/v1/orders/{parent}/lines", new { lineId = seat2, menuItemId = "fries", quantity = 1, seat = 2 })).EnsureSuccessStatusCode();
        (await A.PostAsJsonAsync($"/api/v1/orders/{parent}/lines", new { lineId = seat2Too, menuItemId = "soda", quantity = 1, seat = 2 })).EnsureSuccessStatusCode();
        var shared = await AddAsync(A, parent, "soda"); // the table's, no seat

        var split = await OkAsync(await A.CommandAsync($"/api/v1/orders/{parent}/split", new { mode = "seats" }), "applied");
        var orders = split.GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(3, orders.Count);
        Assert.Equal([shared], LineIds(orders[0]));
        Assert.Equal([seat1], LineIds(orders[1]));
        Assert.Equal([seat2, seat2Too], LineIds(orders[2]));
        Assert.All(orders.Skip(1), o => Assert.Equal(parent, o.GetProperty("splitFrom").GetGuid()));
        Assert.Equal((1353L, 713L), (orders[1].GetProperty("totalMinor").GetInt64(), orders[2].GetProperty("totalMinor").GetInt64()));

        // Again (another till, its answer lost): the same orders, nothing written.
        var head = await fixture.HeadSeqAsync();
        var again = await OkAsync(await B.CommandAsync($"/api/v1/orders/{parent}/split", new { mode = "seats" }), "duplicate");
        Assert.Equal(orders.Select(o => o.GetProperty("orderId").GetGuid()), again.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()));
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }
}
