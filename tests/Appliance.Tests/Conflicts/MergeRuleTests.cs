using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Conflicts;

/// <summary>
/// docs/CONFLICTS.md, one test per row: two tills (two devices, two clients) work on the same order, one of
/// them changes it, and the other's command then gets the outcome the table says. Each test checks the status,
/// the body, the Pos-Command-Outcome header and what the journal holds afterwards.
/// Prices: soda 199 (no tax), fries 475 + 39 tax = 514, burger 1250 + 103 tax = 1353.
/// </summary>
public sealed class MergeRuleTests(TwoTillsFixture fixture) : IClassFixture<TwoTillsFixture>
{
    private HttpClient A => fixture.TillA;
    private HttpClient B => fixture.TillB;

    // ---- open-order -------------------------------------------------------------------------------------

    [Fact]
    public async Task OpenOrder_WithANewId_IsApplied()
    {
        var orderId = Guid.NewGuid();
        var head = await fixture.HeadSeqAsync();

        using var response = await A.OpenAsync(orderId);

        var order = await AnswerAsync(response, HttpStatusCode.Created, "applied", orderId);
        Assert.Equal(1, order.GetProperty("version").GetInt32());
        await WrittenAsync(orderId, head, "till-a", "OrderOpened");
    }

    [Fact]
    public async Task OpenOrder_AgainWithTheSameDetails_AfterAnotherTillAddedALine_IsDuplicate()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(B, orderId, Guid.NewGuid(), "fries");
        var head = await fixture.HeadSeqAsync();

        using var response = await A.OpenAsync(orderId);

        var order = await AnswerAsync(response, HttpStatusCode.Created, "duplicate", orderId);
        Assert.Equal(2, order.GetProperty("version").GetInt32());
        Assert.Equal(1, order.GetProperty("lines").GetArrayLength());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task OpenOrder_AgainWithOtherDetails_IsConflict()
    {
        var orderId = await OpenAsync(A);
        var head = await fixture.HeadSeqAsync();

        using var response = await B.OpenAsync(orderId, "dine-in", "14", 4);

        var problem = await ConflictAsync(response, HttpStatusCode.Conflict, "order-exists", orderId);
        Assert.Equal("12", problem.GetProperty("order").GetProperty("table").GetString());
        await NothingWrittenAsync(head);
    }

    // ---- add-line ---------------------------------------------------------------------------------------

    [Fact]
    public async Task AddLine_WhenNoOtherTillChangedTheOrder_IsApplied()
    {
        var orderId = await OpenAsync(A);
        var lineId = Guid.NewGuid();
        var head = await fixture.HeadSeqAsync();

        using var response = await A.AddLineAsync(orderId, lineId, "burger", 2);

        var order = await AnswerAsync(response, HttpStatusCode.OK, "applied", orderId);
        Assert.Equal(2706, order.GetProperty("totalMinor").GetInt64());
        var added = Assert.Single(await WrittenAsync(orderId, head, "till-a", "LineAdded"));
        Assert.Equal(lineId, added.GetProperty("data").GetProperty("lineId").GetGuid());
    }

    [Fact]
    public async Task AddLine_AfterAnotherTillAddedALine_IsMerged_AndBothLinesLand()
    {
        var orderId = await OpenAsync(A);
        var first = Guid.NewGuid();
        var theirs = Guid.NewGuid();
        var mine = Guid.NewGuid();
        await AddAsync(A, orderId, first, "burger");
        await AddAsync(B, orderId, theirs, "fries");
        var head = await fixture.HeadSeqAsync();

        using var response = await A.AddLineAsync(orderId, mine, "soda", 1);

        var order = await AnswerAsync(response, HttpStatusCode.OK, "merged", orderId);
        Assert.Equal(new[] { first, theirs, mine }, LineIds(order));
        Assert.Equal(1353 + 514 + 199, order.GetProperty("totalMinor").GetInt64());
        var added = Assert.Single(await WrittenAsync(orderId, head, "till-a", "LineAdded"));
        Assert.Equal(mine, added.GetProperty("data").GetProperty("lineId").GetGuid());
    }

    [Fact]
    public async Task AddLine_RetriedWithTheSameLineIdAndContent_AfterAnotherTillClosedTheOrder_IsDuplicate()
    {
        var orderId = await OpenAsync(A);
        var lineId = Guid.NewGuid();
        await AddAsync(A, orderId, lineId, "soda");
        await PayAsync(B, orderId, Guid.NewGuid(), "cash", 199);
        await CloseAsync(B, orderId);
        var head = await fixture.HeadSeqAsync();

        using var response = await A.AddLineAsync(orderId, lineId, "soda", 1);

        var order = await AnswerAsync(response, HttpStatusCode.OK, "duplicate", orderId);
        Assert.Equal("closed", order.GetProperty("status").GetString());
        Assert.Equal(new[] { lineId }, LineIds(order));
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task AddLine_WithAUsedLineId_AndOtherContent_IsConflict()
    {
        var orderId = await OpenAsync(A);
        var lineId = Guid.NewGuid();
        await AddAsync(A, orderId, lineId, "burger");
        var head = await fixture.HeadSeqAsync();

        using var response = await B.AddLineAsync(orderId, lineId, "burger", 2);

        var problem = await ConflictAsync(response, HttpStatusCode.Conflict, "line-exists", orderId);
        Assert.True(problem.GetProperty("errors").TryGetProperty("lineId", out _));
        Assert.Equal(1, problem.GetProperty("order").GetProperty("lines")[0].GetProperty("quantity").GetInt32());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task AddLine_ToAnOrderAnotherTillClosed_IsConflict_WithTheClosedOrder()
    {
        var orderId = await OpenAsync(A);
        await CloseAsync(B, orderId); // nothing on it, nothing owed
        var head = await fixture.HeadSeqAsync();

        using var response = await A.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1);

        var problem = await ConflictAsync(response, HttpStatusCode.Conflict, "order-closed", orderId);
        Assert.Equal("closed", problem.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(0, problem.GetProperty("order").GetProperty("lines").GetArrayLength());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task AddLine_OfAnItemNotOnTheMenu_IsRejected()
    {
        var orderId = await OpenAsync(A);
        var head = await fixture.HeadSeqAsync();

        using var response = await A.AddLineAsync(orderId, Guid.NewGuid(), "lobster", 1);

        await RejectedAsync(response, HttpStatusCode.UnprocessableEntity, "unknown-menu-item");
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task AddLine_ToAnOrderNeverOpened_IsRejected()
    {
        var head = await fixture.HeadSeqAsync();

        using var response = await A.AddLineAsync(Guid.NewGuid(), Guid.NewGuid(), "burger", 1);

        await RejectedAsync(response, HttpStatusCode.NotFound, "order-not-found");
        await NothingWrittenAsync(head);
    }

    // ---- void-line --------------------------------------------------------------------------------------

    [Fact]
    public async Task VoidLine_AfterAnotherTillFiredIt_IsMerged_AndRecordsThatItWasFired()
    {
        // A manager's till: voiding a fired line needs lines.void-fired.
        var m = fixture.ManagerTill;
        var orderId = await OpenAsync(m);
        var lineId = Guid.NewGuid();
        await AddAsync(m, orderId, lineId, "burger");
        await FireAsync(B, orderId);
        var head = await fixture.HeadSeqAsync();

        using var response = await VoidAsync(m, orderId, lineId, "guest changed their mind");

        var order = await AnswerAsync(response, HttpStatusCode.OK, "merged", orderId);
        Assert.Equal("voided", order.GetProperty("lines")[0].GetProperty("status").GetString());
        Assert.Equal(0, order.GetProperty("totalMinor").GetInt64());
        var voided = Assert.Single(await WrittenAsync(orderId, head, "till-m", "LineVoided")).GetProperty("data");
        Assert.Equal(lineId, voided.GetProperty("lineId").GetGuid());
        Assert.True(voided.GetProperty("wasFired").GetBoolean());
    }

    [Fact]
    public async Task VoidLine_OfAServer_AfterAnotherTillFiredIt_IsRefusedByTheOrder_PermissionDenied()
    {
        var orderId = await OpenAsync(A);
        var lineId = Guid.NewGuid();
        await AddAsync(A, orderId, lineId, "burger");
        await FireAsync(B, orderId);
        var head = await fixture.HeadSeqAsync();

        // Till A saw a pending line; it fired meanwhile: the order, which knows, refuses the void to a server.
        using var response = await VoidAsync(A, orderId, lineId, "guest changed their mind");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal(("permission-denied", "lines.void-fired"), (problem.GetProperty("code").GetString(), problem.GetProperty("permission").GetString()));
        Assert.Empty(await fixture.OrderEventsAfterAsync(orderId, head));
    }

    [Fact]
    public async Task VoidLine_AlreadyVoidedByAnotherTill_IsDuplicate_AndTheFirstReasonStands()
    {
        var orderId = await OpenAsync(A);
        var lineId = Guid.NewGuid();
        await AddAsync(A, orderId, lineId, "burger");
        (await VoidAsync(B, orderId, lineId, "rang up by mistake")).EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();

        using var response = await VoidAsync(A, orderId, lineId, "guest changed their mind");

        var order = await AnswerAsync(response, HttpStatusCode.OK, "duplicate", orderId);
        Assert.Equal("rang up by mistake", order.GetProperty("lines")[0].GetProperty("voidReason").GetString());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task VoidLine_OnAnOrderAnotherTillClosed_IsConflict()
    {
        var orderId = await OpenAsync(A);
        var lineId = Guid.NewGuid();
        await AddAsync(A, orderId, lineId, "soda");
        await PayAsync(B, orderId, Guid.NewGuid(), "cash", 199);
        await CloseAsync(B, orderId);
        var head = await fixture.HeadSeqAsync();

        using var response = await VoidAsync(A, orderId, lineId, "guest changed their mind");

        var problem = await ConflictAsync(response, HttpStatusCode.Conflict, "order-closed", orderId);
        Assert.Equal("pending", problem.GetProperty("order").GetProperty("lines")[0].GetProperty("status").GetString());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task VoidLine_ThatAPaymentTakenMeanwhileCovers_IsConflict()
    {
        var orderId = await OpenAsync(A);
        var lineId = Guid.NewGuid();
        await AddAsync(A, orderId, lineId, "burger");
        await PayAsync(B, orderId, Guid.NewGuid(), "card", 1353);
        var head = await fixture.HeadSeqAsync();

        using var response = await VoidAsync(A, orderId, lineId, "guest changed their mind");

        var problem = await ConflictAsync(response, HttpStatusCode.Conflict, "line-paid", orderId);
        Assert.Equal(1353, problem.GetProperty("order").GetProperty("paidMinor").GetInt64());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task VoidLine_NotOnTheOrder_IsRejected()
    {
        var orderId = await OpenAsync(A);
        var head = await fixture.HeadSeqAsync();

        using var response = await VoidAsync(A, orderId, Guid.NewGuid(), "wrong table");

        await RejectedAsync(response, HttpStatusCode.NotFound, "line-not-found");
        await NothingWrittenAsync(head);
    }

    // ---- fire -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Fire_AfterAnotherTillAddedALine_IsMerged_AndFiresThatLineToo()
    {
        var orderId = await OpenAsync(A);
        var mine = Guid.NewGuid();
        var theirs = Guid.NewGuid();
        await AddAsync(A, orderId, mine, "burger");
        await AddAsync(B, orderId, theirs, "ipa");
        var head = await fixture.HeadSeqAsync();

        using var response = await FireAsyncRaw(A, orderId);

        var order = await AnswerAsync(response, HttpStatusCode.OK, "merged", orderId);
        Assert.All(order.GetProperty("lines").EnumerateArray(), l => Assert.Equal("fired", l.GetProperty("status").GetString()));
        var fired = Assert.Single(await WrittenAsync(orderId, head, "till-a", "OrderFired"));
        Assert.Equal(new[] { mine, theirs }.Order(), fired.GetProperty("data").GetProperty("lineIds").EnumerateArray().Select(e => e.GetGuid()).Order());
    }

    [Fact]
    public async Task Fire_WhenAnotherTillAlreadyFiredEverything_IsDuplicate()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(A, orderId, Guid.NewGuid(), "burger");
        await FireAsync(B, orderId);
        var head = await fixture.HeadSeqAsync();

        using var response = await FireAsyncRaw(A, orderId);

        var order = await AnswerAsync(response, HttpStatusCode.OK, "duplicate", orderId);
        Assert.Equal(3, order.GetProperty("version").GetInt32());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task Fire_OnAnOrderAnotherTillClosed_IsConflict()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(A, orderId, Guid.NewGuid(), "soda");
        await PayAsync(B, orderId, Guid.NewGuid(), "cash", 199);
        await CloseAsync(B, orderId);
        var head = await fixture.HeadSeqAsync();

        using var response = await FireAsyncRaw(A, orderId);

        var problem = await ConflictAsync(response, HttpStatusCode.Conflict, "order-closed", orderId);
        Assert.Equal("pending", problem.GetProperty("order").GetProperty("lines")[0].GetProperty("status").GetString());
        await NothingWrittenAsync(head);
    }

    // ---- add-payment ------------------------------------------------------------------------------------

    [Fact]
    public async Task Payment_AfterAnotherTillTookPartOfIt_IsMerged_AndBothPaymentsLand()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(A, orderId, Guid.NewGuid(), "burger");
        var theirs = Guid.NewGuid();
        var mine = Guid.NewGuid();
        await PayAsync(B, orderId, theirs, "card", 1000);
        var head = await fixture.HeadSeqAsync();

        using var response = await PayRawAsync(A, orderId, mine, "card", 353);

        var order = await AnswerAsync(response, HttpStatusCode.OK, "merged", orderId);
        Assert.Equal(0, order.GetProperty("balanceMinor").GetInt64());
        Assert.Equal(new[] { theirs, mine }, order.GetProperty("payments").EnumerateArray().Select(p => p.GetProperty("paymentId").GetGuid()));
        var paid = Assert.Single(await WrittenAsync(orderId, head, "till-a", "PaymentAdded")).GetProperty("data");
        Assert.Equal(mine, paid.GetProperty("paymentId").GetGuid());
        Assert.Equal(353, paid.GetProperty("amountMinor").GetInt64());
    }

    [Fact]
    public async Task Payment_RetriedWithTheSamePaymentIdAndContent_AfterTheOrderClosed_IsDuplicate()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(A, orderId, Guid.NewGuid(), "burger");
        var paymentId = Guid.NewGuid();
        await PayAsync(A, orderId, paymentId, "card", 1353);
        await CloseAsync(B, orderId);
        var head = await fixture.HeadSeqAsync();

        using var response = await PayRawAsync(A, orderId, paymentId, "card", 1353);

        var order = await AnswerAsync(response, HttpStatusCode.OK, "duplicate", orderId);
        Assert.Equal(1, order.GetProperty("payments").GetArrayLength());
        Assert.Equal("closed", order.GetProperty("status").GetString());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task Payment_WithAUsedPaymentId_AndOtherContent_IsConflict()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(A, orderId, Guid.NewGuid(), "burger");
        var paymentId = Guid.NewGuid();
        await PayAsync(A, orderId, paymentId, "card", 500);
        var head = await fixture.HeadSeqAsync();

        using var response = await PayRawAsync(B, orderId, paymentId, "card", 600);

        var problem = await ConflictAsync(response, HttpStatusCode.Conflict, "payment-exists", orderId);
        Assert.True(problem.GetProperty("errors").TryGetProperty("paymentId", out _));
        Assert.Equal(500, problem.GetProperty("order").GetProperty("paidMinor").GetInt64());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task Payment_OnAnOrderAnotherTillClosed_IsConflict_WithTheClosedOrder()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(A, orderId, Guid.NewGuid(), "soda");
        await PayAsync(B, orderId, Guid.NewGuid(), "cash", 199);
        await CloseAsync(B, orderId);
        var head = await fixture.HeadSeqAsync();

        using var response = await PayRawAsync(A, orderId, Guid.NewGuid(), "cash", 500);

        var problem = await ConflictAsync(response, HttpStatusCode.Conflict, "order-closed", orderId);
        Assert.Equal("closed", problem.GetProperty("order").GetProperty("status").GetString());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task CardPayment_ThatWouldOverpay_BecauseAnotherTillPaidMeanwhile_IsConflict()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(A, orderId, Guid.NewGuid(), "burger");
        await PayAsync(B, orderId, Guid.NewGuid(), "card", 1000);
        var head = await fixture.HeadSeqAsync();

        using var response = await PayRawAsync(A, orderId, Guid.NewGuid(), "card", 1353);

        var problem = await ConflictAsync(response, HttpStatusCode.Conflict, "overpayment", orderId);
        Assert.Equal(353, problem.GetProperty("order").GetProperty("balanceMinor").GetInt64());
        Assert.Equal(1, problem.GetProperty("order").GetProperty("payments").GetArrayLength());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task CashPayment_AboveTheBalanceLeftByAnotherTill_IsMerged_WithTheChangeRecorded()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(A, orderId, Guid.NewGuid(), "burger");
        await PayAsync(B, orderId, Guid.NewGuid(), "card", 1000);
        var head = await fixture.HeadSeqAsync();

        using var response = await PayRawAsync(A, orderId, Guid.NewGuid(), "cash", 500);

        var order = await AnswerAsync(response, HttpStatusCode.OK, "merged", orderId);
        Assert.Equal(0, order.GetProperty("balanceMinor").GetInt64());
        Assert.Equal(1353, order.GetProperty("paidMinor").GetInt64());
        Assert.Equal(147, order.GetProperty("changeDueMinor").GetInt64());
        Assert.Equal(147, order.GetProperty("payments")[1].GetProperty("changeMinor").GetInt64());
        var paid = Assert.Single(await WrittenAsync(orderId, head, "till-a", "PaymentAdded")).GetProperty("data");
        Assert.Equal(500, paid.GetProperty("amountMinor").GetInt64());
        Assert.Equal(147, paid.GetProperty("changeMinor").GetInt64());
    }

    [Fact]
    public async Task Payment_WhenAnotherTillAlreadyPaidInFull_IsConflict_EvenInCash()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(A, orderId, Guid.NewGuid(), "soda");
        await PayAsync(B, orderId, Guid.NewGuid(), "card", 199);
        var head = await fixture.HeadSeqAsync();

        using var response = await PayRawAsync(A, orderId, Guid.NewGuid(), "cash", 199);

        var problem = await ConflictAsync(response, HttpStatusCode.Conflict, "overpayment", orderId);
        Assert.Equal(0, problem.GetProperty("order").GetProperty("balanceMinor").GetInt64());
        await NothingWrittenAsync(head);
    }

    // ---- close ------------------------------------------------------------------------------------------

    [Fact]
    public async Task Close_AfterAnotherTillTookTheWholePayment_IsMerged()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(A, orderId, Guid.NewGuid(), "soda");
        await PayAsync(B, orderId, Guid.NewGuid(), "cash", 199);
        var head = await fixture.HeadSeqAsync();

        using var response = await CloseRawAsync(A, orderId);

        var order = await AnswerAsync(response, HttpStatusCode.OK, "merged", orderId);
        Assert.Equal("closed", order.GetProperty("status").GetString());
        await WrittenAsync(orderId, head, "till-a", "OrderClosed");
    }

    [Fact]
    public async Task Close_WhenAnotherTillClosedItAlready_IsDuplicate_AndOneCloseStands()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(A, orderId, Guid.NewGuid(), "soda");
        await PayAsync(A, orderId, Guid.NewGuid(), "cash", 199);
        var closedAt = (await CloseAsync(B, orderId)).GetProperty("closedAt").GetString();
        fixture.Appliance.Time.Advance(TimeSpan.FromMinutes(3));
        var head = await fixture.HeadSeqAsync();

        using var response = await CloseRawAsync(A, orderId);

        var order = await AnswerAsync(response, HttpStatusCode.OK, "duplicate", orderId);
        Assert.Equal(closedAt, order.GetProperty("closedAt").GetString());
        await NothingWrittenAsync(head);
        var closes = (await fixture.OrderEventsAfterAsync(orderId, 0)).Count(e => e.GetProperty("type").GetString() == "OrderClosed");
        Assert.Equal(1, closes);
    }

    [Fact]
    public async Task Close_AfterAnotherTillAddedALineToThePaidOrder_IsConflict()
    {
        var orderId = await OpenAsync(A);
        await AddAsync(A, orderId, Guid.NewGuid(), "soda");
        await PayAsync(A, orderId, Guid.NewGuid(), "cash", 199);
        await AddAsync(B, orderId, Guid.NewGuid(), "fries");
        var head = await fixture.HeadSeqAsync();

        using var response = await CloseRawAsync(A, orderId);

        var problem = await ConflictAsync(response, HttpStatusCode.Conflict, "balance-not-zero", orderId);
        Assert.Equal(514, problem.GetProperty("order").GetProperty("balanceMinor").GetInt64());
        Assert.Equal("open", problem.GetProperty("order").GetProperty("status").GetString());
        await NothingWrittenAsync(head);
    }

    // ---- If-Match ---------------------------------------------------------------------------------------

    public static TheoryData<string> WritingCommands => ["add-line", "void-line", "fire", "add-payment", "close"];

    [Theory]
    [MemberData(nameof(WritingCommands))]
    public async Task AnyCommand_WithAStaleIfMatch_Is412_AndChangesNothing_ThenWithTheCurrentOneIsApplied(string command)
    {
        var orderId = await OpenAsync(A);
        var soda = Guid.NewGuid();
        await AddAsync(A, orderId, soda, "soda");                 // version 2: what till A last saw
        await AddAsync(B, orderId, Guid.NewGuid(), "fries");      // version 3
        if (command == "close")
        {
            await PayAsync(B, orderId, Guid.NewGuid(), "card", 713); // version 4: paid in full
        }
        var current = (await fixture.Admin.GetJsonAsync($"/api/v1/orders/{orderId}")).GetProperty("version").GetInt32();
        var (path, body) = command switch
        {
            "add-line" => ($"/api/v1/orders/{orderId}/lines", (object)new { lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1 }),
            "void-line" => ($"/api/v1/orders/{orderId}/lines/{soda}/void", new { reason = "spilled" }),
            "fire" => ($"/api/v1/orders/{orderId}/fire", new { }),
            "add-payment" => ($"/api/v1/orders/{orderId}/payments", new { paymentId = Guid.NewGuid(), tender = "card", amountMinor = 100 }),
            "close" => ($"/api/v1/orders/{orderId}/close", new { }),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
        var head = await fixture.HeadSeqAsync();

        using var stale = await SendAsync(A, path, body, "\"2\"");

        var problem = await ConflictAsync(stale, HttpStatusCode.PreconditionFailed, "version-mismatch", orderId);
        Assert.Equal(current, problem.GetProperty("currentVersion").GetInt32());
        await NothingWrittenAsync(head);

        using var fresh = await SendAsync(A, path, body, $"\"{current}\"");

        var order = await AnswerAsync(fresh, HttpStatusCode.OK, "applied", orderId);
        Assert.Equal(current + 1, order.GetProperty("version").GetInt32());
        Assert.Single(await fixture.OrderEventsAfterAsync(orderId, head));
    }

    [Fact]
    public async Task ARetryOfWhatIsAlreadyDone_WithAStaleIfMatch_IsDuplicate_NotA412()
    {
        var orderId = await OpenAsync(A);
        var lineId = Guid.NewGuid();
        var line = new { lineId, menuItemId = "soda", quantity = 1 };
        using (var first = await SendAsync(A, $"/api/v1/orders/{orderId}/lines", line, "\"1\""))
        {
            await AnswerAsync(first, HttpStatusCode.OK, "applied", orderId);
        }
        await AddAsync(B, orderId, Guid.NewGuid(), "fries");
        var head = await fixture.HeadSeqAsync();

        using var retry = await SendAsync(A, $"/api/v1/orders/{orderId}/lines", line, "\"1\"");

        var order = await AnswerAsync(retry, HttpStatusCode.OK, "duplicate", orderId);
        Assert.Equal(2, order.GetProperty("lines").GetArrayLength());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task AnyCommand_WithAnIfMatchThatIsNotAVersion_IsRejected_BeforeItReachesTheOrder()
    {
        var orderId = await OpenAsync(A);
        var head = await fixture.HeadSeqAsync();

        using var response = await SendAsync(A, $"/api/v1/orders/{orderId}/close", new { }, "yesterday's");

        var problem = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("If-Match", out _));
        Assert.False(response.Headers.Contains("Pos-Command-Outcome"));
        Assert.Equal("open", (await fixture.Admin.GetJsonAsync($"/api/v1/orders/{orderId}")).GetProperty("status").GetString());
        await NothingWrittenAsync(head);
    }

    [Fact]
    public async Task AddLine_ThatWouldTakeTheTotalPastTheLimit_AfterAnotherTillFilledTheOrder_IsConflict()
    {
        var orderId = await OpenAsync(A);
        // Till A fills the order to exactly the most it may hold (999 yachts and one more).
        (await A.AddLineAsync(orderId, Guid.NewGuid(), "yacht", 999)).EnsureSuccessStatusCode();
        (await A.AddLineAsync(orderId, Guid.NewGuid(), "yacht", 1)).EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();

        using var response = await B.AddLineAsync(orderId, Guid.NewGuid(), "soda", 1);

        var problem = await ConflictAsync(response, HttpStatusCode.Conflict, "order-total-too-large", orderId);
        Assert.Equal(Pos.Contracts.Money.MoneyLimits.MaxOrderTotalMinor, problem.GetProperty("order").GetProperty("totalMinor").GetInt64());
        await NothingWrittenAsync(head);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static async Task<Guid> OpenAsync(HttpClient till)
    {
        var orderId = Guid.NewGuid();
        (await till.OpenAsync(orderId)).EnsureSuccessStatusCode();
        return orderId;
    }

    private static async Task AddAsync(HttpClient till, Guid orderId, Guid lineId, string item) =>
        (await till.AddLineAsync(orderId, lineId, item, 1)).EnsureSuccessStatusCode();

    private static Task<HttpResponseMessage> PayRawAsync(HttpClient till, Guid orderId, Guid paymentId, string tender, long amountMinor) =>
        till.PostAsJsonAsync($"/api/v1/orders/{orderId}/payments", new { paymentId, tender, amountMinor });

    private static async Task PayAsync(HttpClient till, Guid orderId, Guid paymentId, string tender, long amountMinor) =>
        (await PayRawAsync(till, orderId, paymentId, tender, amountMinor)).EnsureSuccessStatusCode();

    private static Task<HttpResponseMessage> VoidAsync(HttpClient till, Guid orderId, Guid lineId, string reason) =>
        till.PostAsJsonAsync($"/api/v1/orders/{orderId}/lines/{lineId}/void", new { reason });

    private static Task<HttpResponseMessage> FireAsyncRaw(HttpClient till, Guid orderId) =>
        till.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { });

    private static async Task FireAsync(HttpClient till, Guid orderId) => (await FireAsyncRaw(till, orderId)).EnsureSuccessStatusCode();

    private static Task<HttpResponseMessage> CloseRawAsync(HttpClient till, Guid orderId) =>
        till.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { });

    private static async Task<JsonElement> CloseAsync(HttpClient till, Guid orderId)
    {
        using var response = await CloseRawAsync(till, orderId);
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient till, string path, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return till.SendAsync(request);
    }

    private static List<Guid> LineIds(JsonElement order) =>
        [.. order.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("lineId").GetGuid())];

    private static string Outcome(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Pos-Command-Outcome", out var values) ? string.Join(",", values) : "(no outcome header)";

    /// <summary>A success: its status, its outcome, and a body that is the order exactly as GET shows it now, with its ETag.</summary>
    private async Task<JsonElement> AnswerAsync(HttpResponseMessage response, HttpStatusCode status, string outcome, Guid orderId)
    {
        var body = await response.JsonAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(outcome, Outcome(response));
        Assert.Equal((await fixture.Admin.GetJsonAsync($"/api/v1/orders/{orderId}")).GetRawText(), body.GetRawText());
        Assert.Equal($"\"{body.GetProperty("version").GetInt32()}\"", response.Headers.ETag?.ToString());
        return body;
    }

    /// <summary>A conflict: a problem with its code, and the order as it stands in <c>order</c>, exactly as GET shows it.</summary>
    private async Task<JsonElement> ConflictAsync(HttpResponseMessage response, HttpStatusCode status, string code, Guid orderId)
    {
        var problem = await response.JsonAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal("conflict", Outcome(response));
        Assert.Equal((await fixture.Admin.GetJsonAsync($"/api/v1/orders/{orderId}")).GetRawText(), problem.GetProperty("order").GetRawText());
        return problem;
    }

    /// <summary>A rejection: a problem with its code and no order in it.</summary>
    private static async Task RejectedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await response.JsonAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("rejected", Outcome(response));
        Assert.False(problem.TryGetProperty("order", out _));
    }

    private async Task NothingWrittenAsync(long head) => Assert.Equal(head, await fixture.HeadSeqAsync());

    /// <summary>Exactly these events were written to the order after <paramref name="head"/>, all by <paramref name="device"/>.</summary>
    private async Task<List<JsonElement>> WrittenAsync(Guid orderId, long head, string device, params string[] types)
    {
        var events = await fixture.OrderEventsAfterAsync(orderId, head);
        Assert.Equal(types, events.Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e => Assert.Equal(device, e.GetProperty("deviceId").GetString()));
        return events;
    }
}
