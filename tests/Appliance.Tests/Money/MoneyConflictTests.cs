using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Appliance.Tests.Conflicts;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Money;

/// <summary>
/// docs/CONFLICTS.md's rows for discounts, tips and refunds: what two devices, a lost answer or a late command do.
/// Burger 1250 + 103 tax = 1353; fries 475 + 39 = 514. Till A and B are servers; the manager's till may refund and
/// adjust tips (a server needs a manager's approval for both).
/// </summary>
public sealed class MoneyConflictTests(TwoTillsFixture fixture) : IClassFixture<TwoTillsFixture>
{
    private HttpClient A => fixture.TillA;
    private HttpClient B => fixture.TillB;
    private HttpClient M => fixture.ManagerTill;

    [Fact]
    public async Task A_discount_that_lost_the_race_to_a_payment_in_full_is_a_conflict_showing_the_paid_order()
    {
        var (orderId, _) = await OrderWithBurgerAsync(A);
        (await B.PayAsync(orderId, "card", 1353)).EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();

        using var response = await DiscountAsync(A, orderId, new { discountId = Guid.NewGuid(), percentBp = 1000, reason = "regular" });

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict, "discount-below-paid");
        Assert.Equal(0, problem.GetProperty("order").GetProperty("balanceMinor").GetInt64());
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task A_discount_that_won_the_race_lowers_what_the_payment_must_cover()
    {
        var (orderId, lineId) = await OrderWithBurgerAsync(A);
        using var given = await DiscountAsync(A, orderId, new { discountId = Guid.NewGuid(), lineId, percentBp = 1000, reason = "regular" });
        var order = await given.JsonAsync();
        Assert.True(given.IsSuccessStatusCode, order.ToString());
        // 10 % of 1250 = 125; tax on 1125 = 92.81 → 93.
        Assert.Equal((125L, 1218L), (order.GetProperty("discountMinor").GetInt64(), order.GetProperty("totalMinor").GetInt64()));
        using var paid = await B.PayAsync(orderId, "card", 1353);
        await ProblemAsync(paid, HttpStatusCode.Conflict, "overpayment");
        (await B.PayAsync(orderId, "card", 1218)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_discount_on_a_line_another_till_voided_is_a_conflict()
    {
        var (orderId, lineId) = await OrderWithBurgerAsync(A);
        (await B.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines/{lineId}/void", new { reason = "wrong table" })).EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();

        using var response = await DiscountAsync(A, orderId, new { discountId = Guid.NewGuid(), lineId, amountMinor = 100, reason = "regular" });

        await ProblemAsync(response, HttpStatusCode.Conflict, "line-voided");
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task A_comp_by_a_server_needs_a_managers_approval_and_is_counted_as_a_comp()
    {
        var (orderId, lineId) = await OrderWithBurgerAsync(A);
        var comp = new { discountId = Guid.NewGuid(), lineId, reason = "cold", comp = true };
        using var refused = await DiscountAsync(A, orderId, comp);
        var problem = await ProblemAsync(refused, HttpStatusCode.Forbidden, "permission-denied");
        Assert.Equal("discounts.above-threshold", problem.GetProperty("permission").GetString());

        using var given = await DiscountAsync(M, orderId, comp);
        var order = await given.JsonAsync();
        Assert.True(given.IsSuccessStatusCode, order.ToString());
        Assert.Equal((0L, true, 1250L), (order.GetProperty("totalMinor").GetInt64(), order.GetProperty("discounts")[0].GetProperty("comp").GetBoolean(),
            order.GetProperty("discounts")[0].GetProperty("takenMinor").GetInt64()));
    }

    [Fact]
    public async Task A_discount_is_taken_back_once_and_never_after_close()
    {
        var (orderId, _) = await OrderWithBurgerAsync(A);
        var discountId = Guid.NewGuid();
        (await DiscountAsync(A, orderId, new { discountId, amountMinor = 250, reason = "regular" })).EnsureSuccessStatusCode();
        using var removed = await B.DeleteAsync($"/api/v1/orders/{orderId}/discounts/{discountId}");
        Assert.Equal(1353, (await removed.JsonAsync()).GetProperty("totalMinor").GetInt64());
        using var again = await A.DeleteAsync($"/api/v1/orders/{orderId}/discounts/{discountId}");
        Assert.Equal("duplicate", Outcome(again));
        var closedOrder = await ClosedAsync(A, 1353);
        var closedId = closedOrder.OrderId;
        using var late = await DiscountAsync(A, closedId, new { discountId = Guid.NewGuid(), amountMinor = 100, reason = "late" });
        await ProblemAsync(late, HttpStatusCode.Conflict, "order-closed");
    }

    [Fact]
    public async Task A_refund_retried_after_a_lost_answer_is_given_once()
    {
        var closed = await ClosedAsync(A, 1353);
        var body = new { refundId = Guid.NewGuid(), amountMinor = 500, tender = "card", reason = "slow service" };
        var head = await fixture.HeadSeqAsync();
        using var first = await SendKeyedAsync(M, $"/api/v1/orders/{closed.OrderId}/refunds", body, "refund-key-" + body.refundId);
        var firstText = await first.Content.ReadAsStringAsync();
        Assert.True(first.IsSuccessStatusCode, firstText);
        // The answer was lost: the same request again (same key) is answered as the first time, and so is the same refund under a new key.
        using var retry = await SendKeyedAsync(M, $"/api/v1/orders/{closed.OrderId}/refunds", body, "refund-key-" + body.refundId);
        Assert.Equal(firstText, await retry.Content.ReadAsStringAsync());
        using var sameRefund = await SendKeyedAsync(M, $"/api/v1/orders/{closed.OrderId}/refunds", body, "another-key-" + body.refundId);
        Assert.Equal("duplicate", Outcome(sameRefund));
        var written = await fixture.OrderEventsAfterAsync(closed.OrderId, head);
        Assert.Equal(["RefundRecorded"], written.Select(e => e.GetProperty("type").GetString()));
        var order = await fixture.Admin.GetJsonAsync($"/api/v1/orders/{closed.OrderId}");
        Assert.Equal((500L, 1353L, "closed"), (order.GetProperty("refundedMinor").GetInt64(), order.GetProperty("paidMinor").GetInt64(), order.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_refund_larger_than_what_remains_is_a_conflict_and_an_open_order_takes_none()
    {
        var closed = await ClosedAsync(A, 1353);
        (await M.PostAsJsonAsync($"/api/v1/orders/{closed.OrderId}/refunds", new { refundId = Guid.NewGuid(), amountMinor = 1000, tender = "card", reason = "a" }))
            .EnsureSuccessStatusCode();
        using var tooMuch = await M.PostAsJsonAsync($"/api/v1/orders/{closed.OrderId}/refunds", new { refundId = Guid.NewGuid(), amountMinor = 354, tender = "card", reason = "b" });
        await ProblemAsync(tooMuch, HttpStatusCode.Conflict, "refund-exceeds-paid");
        var (open, _) = await OrderWithBurgerAsync(A);
        using var notClosed = await M.PostAsJsonAsync($"/api/v1/orders/{open}/refunds", new { refundId = Guid.NewGuid(), amountMinor = 1, tender = "card", reason = "c" });
        await ProblemAsync(notClosed, HttpStatusCode.Conflict, "order-not-closed");
        using var byServer = await A.PostAsJsonAsync($"/api/v1/orders/{closed.OrderId}/refunds", new { refundId = Guid.NewGuid(), amountMinor = 1, tender = "card", reason = "d" });
        Assert.Equal("payments.refund", (await ProblemAsync(byServer, HttpStatusCode.Forbidden, "permission-denied")).GetProperty("permission").GetString());
    }

    [Fact]
    public async Task Two_tip_adjustments_from_two_devices_both_apply_and_the_last_one_stands_unless_if_match_says_otherwise()
    {
        var closed = await ClosedAsync(A, 1353, tipMinor: 100);
        var tip = $"/api/v1/orders/{closed.OrderId}/payments/{closed.PaymentId}/tip";
        using var first = await M.PostAsJsonAsync(tip, new { tipMinor = 200 });
        var seen = (await first.JsonAsync()).GetProperty("version").GetInt32();
        Assert.Equal("applied", Outcome(first));
        using var second = await fixture.Admin.PostAsJsonAsync(tip, new { tipMinor = 300 });
        Assert.True(second.IsSuccessStatusCode);
        // The manager's till, still on the version it saw, with If-Match: refused, the order shown as it stands.
        using var stale = new HttpRequestMessage(HttpMethod.Post, tip) { Content = JsonContent.Create(new { tipMinor = 250 }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{seen}\""));
        using var refused = await M.SendAsync(stale);
        await ProblemAsync(refused, HttpStatusCode.PreconditionFailed, "version-mismatch");
        var order = await fixture.Admin.GetJsonAsync($"/api/v1/orders/{closed.OrderId}");
        Assert.Equal((300L, 300L), (order.GetProperty("tipMinor").GetInt64(), order.GetProperty("payments")[0].GetProperty("tipMinor").GetInt64()));
        var cash = await ClosedAsync(A, 1353, tender: "cash");
        using var cashTip = await M.PostAsJsonAsync($"/api/v1/orders/{cash.OrderId}/payments/{cash.PaymentId}/tip", new { tipMinor = 50 });
        await ProblemAsync(cashTip, HttpStatusCode.Conflict, "tip-not-adjustable");
    }

    [Fact]
    public async Task A_device_batch_sends_discounts_tips_and_refunds_once_each()
    {
        var orderId = Guid.NewGuid();
        var lineId = Guid.NewGuid();
        var paymentId = Guid.NewGuid();
        var refundId = Guid.NewGuid();
        object[] commands =
        [
            Command("c1", "open-order", orderId, new { channel = "dine-in", table = "9" }),
            Command("c2", "add-line", orderId, new { lineId, menuItemId = "burger", quantity = 1 }),
            Command("c3", "discounts", orderId, new { discountId = Guid.NewGuid(), lineId, amountMinor = 250, reason = "regular" }),
            Command("c4", "add-payment", orderId, new { paymentId, tender = "card", amountMinor = 1083, tipMinor = 100 }), // 1000 + 82.5 → 83 tax
            Command("c5", "close", orderId, null),
            Command("c6", "tip", orderId, new { paymentId, tipMinor = 150 }),
            Command("c7", "refunds", orderId, new { refundId, amountMinor = 100, tender = "card", reason = "slow" }),
        ];
        using var batch = await M.PostAsJsonAsync("/api/v1/sync/commands", new { deviceId = "till-m", commands });
        var results = (await batch.JsonAsync()).GetProperty("results").EnumerateArray().ToList();
        Assert.True(results.All(r => r.GetProperty("outcome").GetString() == "applied"), string.Join("\n", results));
        // Sent again (the answer was lost): each command's first answer, and nothing more written.
        var head = await fixture.HeadSeqAsync();
        using var again = await M.PostAsJsonAsync("/api/v1/sync/commands", new { deviceId = "till-m", commands });
        Assert.All((await again.JsonAsync()).GetProperty("results").EnumerateArray(), r => Assert.Equal("applied", r.GetProperty("outcome").GetString()));
        Assert.Equal(head, await fixture.HeadSeqAsync());
        var order = await fixture.Admin.GetJsonAsync($"/api/v1/orders/{orderId}");
        Assert.Equal((150L, 100L, "closed"), (order.GetProperty("tipMinor").GetInt64(), order.GetProperty("refundedMinor").GetInt64(), order.GetProperty("status").GetString()));

        object Command(string id, string type, Guid order, object? payload) =>
            new { commandId = $"{id}-{orderId}", type, orderId = order, issuedAt = DateTimeOffset.UtcNow, payload };
    }

    private async Task<(Guid OrderId, Guid LineId)> OrderWithBurgerAsync(HttpClient till)
    {
        var orderId = Guid.NewGuid();
        var lineId = Guid.NewGuid();
        (await till.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await till.AddLineAsync(orderId, lineId, "burger", 1)).EnsureSuccessStatusCode();
        return (orderId, lineId);
    }

    /// <summary>A closed order with a burger, paid by one payment.</summary>
    private async Task<Closed> ClosedAsync(HttpClient till, long amountMinor, string tender = "card", long tipMinor = 0)
    {
        var (orderId, _) = await OrderWithBurgerAsync(till);
        var paymentId = Guid.NewGuid();
        (await till.PostAsJsonAsync($"/api/v1/orders/{orderId}/payments", new { paymentId, tender, amountMinor, tipMinor })).EnsureSuccessStatusCode();
        (await till.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { })).EnsureSuccessStatusCode();
        return new Closed(orderId, paymentId);
    }

    private sealed record Closed(Guid OrderId, Guid PaymentId);

    private static Task<HttpResponseMessage> DiscountAsync(HttpClient till, Guid orderId, object body) =>
        till.PostAsJsonAsync($"/api/v1/orders/{orderId}/discounts", body);

    private static async Task<HttpResponseMessage> SendKeyedAsync(HttpClient till, string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await till.SendAsync(request);
    }

    private static string? Outcome(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Pos-Command-Outcome", out var values) ? values.Single() : null;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await response.JsonAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {problem}");
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }
}
