using Pos.Grains.Orders;
using static Pos.Grains.Tests.Orders.AnOrder;
using Pos.Contracts.Money;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;

namespace Pos.Grains.Tests.Orders;

/// <summary>Shape rules checked before a command is looked at against the order.</summary>
public sealed class OrderCommandRulesTests
{
    private static readonly AddLine GoodLine = new(Id(1), "burger", 1, null, null);
    private static readonly AddPayment GoodPayment = new(Id(9), Tender.Card, 1083, 0, null);

    [Fact]
    public void WellFormedCommands_Pass()
    {
        Assert.Null(OrderCommandRules.Check(new OpenOrder(OrderId, Channel.DineIn, "12", 2)));
        Assert.Null(OrderCommandRules.Check(new OpenOrder(OrderId, Channel.Takeout, null, null)));
        Assert.Null(OrderCommandRules.Check(GoodLine));
        Assert.Null(OrderCommandRules.Check(new VoidLine(Id(1), "burnt")));
        Assert.Null(OrderCommandRules.Check(GoodPayment));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(999)]
    public void AddLine_Passes_WhenQuantityIsFromOneTo999(int quantity)
    {
        Assert.Null(OrderCommandRules.Check(GoodLine with { Quantity = quantity }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void AddLine_IsRefused_WhenQuantityIsOutOfRange(int quantity)
    {
        Invalid(OrderCommandRules.Check(GoodLine with { Quantity = quantity }), "quantity");
    }

    [Fact]
    public void AddLine_IsRefused_WhenLineIdIsEmpty()
    {
        Invalid(OrderCommandRules.Check(GoodLine with { LineId = Guid.Empty }), "lineId");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AddLine_IsRefused_WhenMenuItemIdIsBlank(string menuItemId)
    {
        Invalid(OrderCommandRules.Check(GoodLine with { MenuItemId = menuItemId }), "menuItemId");
    }

    [Fact]
    public void AddLine_Passes_WhenNoteIs200Characters()
    {
        Assert.Null(OrderCommandRules.Check(GoodLine with { Note = new string('n', 200) }));
    }

    [Fact]
    public void AddLine_IsRefused_WhenNoteIsOver200Characters()
    {
        Invalid(OrderCommandRules.Check(GoodLine with { Note = new string('n', 201) }), "note");
    }

    [Fact]
    public void AddLine_IsRefused_WhenModifiersAreTooManyOrMalformed()
    {
        Invalid(OrderCommandRules.Check(GoodLine with { Modifiers = [.. Enumerable.Repeat("extra", 21)] }), "modifiers");
        Invalid(OrderCommandRules.Check(GoodLine with { Modifiers = ["medium", " "] }), "modifiers[1]");
        Invalid(OrderCommandRules.Check(GoodLine with { Modifiers = [new string('m', 61)] }), "modifiers[0]");
    }

    [Fact]
    public void OpenOrder_IsRefused_WhenOrderIdIsEmpty()
    {
        Invalid(OrderCommandRules.Check(new OpenOrder(Guid.Empty, Channel.DineIn, "12", 2)), "orderId");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void OpenOrder_IsRefused_WhenGuestsAreOutOfRange(int guests)
    {
        Invalid(OrderCommandRules.Check(new OpenOrder(OrderId, Channel.DineIn, "12", guests)), "guests");
    }

    [Fact]
    public void OpenOrder_IsRefused_WhenTableIsOver20Characters()
    {
        Invalid(OrderCommandRules.Check(new OpenOrder(OrderId, Channel.DineIn, new string('t', 21), 2)), "table");
    }

    [Fact]
    public void VoidLine_IsRefused_WhenLineIdIsEmpty()
    {
        Invalid(OrderCommandRules.Check(new VoidLine(Guid.Empty, "burnt")), "lineId");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void VoidLine_IsRefused_WhenReasonIsBlank(string reason)
    {
        Invalid(OrderCommandRules.Check(new VoidLine(Id(1), reason)), "reason");
    }

    [Fact]
    public void VoidLine_IsRefused_WhenReasonIsOver200Characters()
    {
        Invalid(OrderCommandRules.Check(new VoidLine(Id(1), new string('r', 201))), "reason");
    }

    [Fact]
    public void AddPayment_IsRefused_WhenPaymentIdIsEmpty()
    {
        Invalid(OrderCommandRules.Check(GoodPayment with { PaymentId = Guid.Empty }), "paymentId");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void AddPayment_IsRefused_WhenAmountIsNotPositive(long amountMinor)
    {
        Invalid(OrderCommandRules.Check(GoodPayment with { AmountMinor = amountMinor }), "amountMinor");
    }

    [Fact]
    public void AddPayment_IsRefused_WhenTipIsNegative()
    {
        Invalid(OrderCommandRules.Check(GoodPayment with { TipMinor = -1 }), "tipMinor");
    }

    [Fact]
    public void AddPayment_IsRefused_WhenReferenceIsOver200Characters()
    {
        Invalid(OrderCommandRules.Check(GoodPayment with { Reference = new string('r', 201) }), "reference");
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("\u001b@")]
    [InlineData("two\nlines")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    public void Commands_AreRefused_WhenOneLineTextHoldsAControlCharacter(string poison)
    {
        Invalid(OrderCommandRules.Check(new OpenOrder(OrderId, Channel.DineIn, poison, 2)), "table");
        Invalid(OrderCommandRules.Check(GoodLine with { MenuItemId = poison }), "menuItemId");
        Invalid(OrderCommandRules.Check(GoodLine with { Modifiers = ["medium", poison] }), "modifiers[1]");
        Invalid(OrderCommandRules.Check(new VoidLine(Id(1), poison)), "reason");
        Invalid(OrderCommandRules.Check(GoodPayment with { Reference = poison }), "reference");
    }

    [Fact]
    public void AddLine_TakesANoteOfSeveralLines_ButNoOtherControlCharacter()
    {
        Assert.Null(OrderCommandRules.Check(GoodLine with { Note = "no onions\r\nallergy: nuts\tsevere" }));
        Invalid(OrderCommandRules.Check(GoodLine with { Note = "no onions\u0000" }), "note");
        Invalid(OrderCommandRules.Check(GoodLine with { Note = "\u001bd\u0005" }), "note");
    }

    [Fact]
    public void TextLimits_CountCharacters_NotUtf16Units()
    {
        // 200 emoji are 400 UTF-16 units and 200 characters.
        Assert.Null(OrderCommandRules.Check(GoodLine with { Note = string.Concat(Enumerable.Repeat("\U0001F336", 200)) }));
        Invalid(OrderCommandRules.Check(GoodLine with { Note = string.Concat(Enumerable.Repeat("\U0001F336", 201)) }), "note");
        Assert.Null(OrderCommandRules.Check(new OpenOrder(OrderId, Channel.DineIn, new string('\u00e9', 20), 2)));
    }

    [Fact]
    public void AddPayment_TakesAmountsUpToTheLimit_AndRefusesMore()
    {
        Assert.Null(OrderCommandRules.Check(GoodPayment with { AmountMinor = MoneyLimits.MaxOrderTotalMinor, TipMinor = MoneyLimits.MaxOrderTotalMinor }));
        Invalid(OrderCommandRules.Check(GoodPayment with { AmountMinor = MoneyLimits.MaxOrderTotalMinor + 1 }), "amountMinor");
        Invalid(OrderCommandRules.Check(GoodPayment with { AmountMinor = long.MaxValue }), "amountMinor");
        Invalid(OrderCommandRules.Check(GoodPayment with { TipMinor = MoneyLimits.MaxOrderTotalMinor + 1 }), "tipMinor");
    }

    private static void Invalid(CommandError? error, string field)
    {
        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
    }
}
