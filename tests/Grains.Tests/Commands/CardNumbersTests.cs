using System.Diagnostics;
using System.Text;
using Pos.Contracts.Menu;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;

namespace Pos.Grains.Tests.Commands;

/// <summary>
/// What looks like a card number: 13 to 19 digits passing the Luhn check, whole or in groups joined by spaces or
/// dashes, anywhere in a text; and what does not (Luhn-invalid runs, other lengths, amounts, dates, ids).
/// </summary>
public sealed class CardNumbersTests
{
    // Published test numbers of the card networks, 13 to 19 digits.
    public static TheoryData<string> TestCardNumbers => new()
    {
        "4222222222222", // 13, Visa
        "30569309025904", // 14, Diners
        "378282246310005", // 15, Amex
        "4111111111111111", // 16, Visa
        "5555555555554444", // 16, Mastercard
        "2223003122003222", // 16, Mastercard 2-series
        "6011111111111117", // 16, Discover
        "3530111333300000", // 16, JCB
        "6759649826438453", // 16, Maestro
        "6205500000000000004", // 19, UnionPay
        "4000000000000000006", // 19, Visa
    };

    [Theory]
    [MemberData(nameof(TestCardNumbers))]
    public void TestCardNumbers_AreFound_WholeSpacedAndDashed(string pan)
    {
        Assert.True(CardNumbers.Holds(pan));
        Assert.True(CardNumbers.Holds(Grouped(pan, " ")));
        Assert.True(CardNumbers.Holds(Grouped(pan, "-")));
        Assert.True(CardNumbers.Holds(Grouped(pan, " - ")));
        Assert.True(CardNumbers.Holds(Grouped(pan, "\u00A0")));
    }

    [Theory]
    [InlineData("paid with 4111111111111111, thanks")]
    [InlineData("card:4111111111111111")]
    [InlineData("visa4111111111111111exp")]
    [InlineData("ref 99 4111 1111 1111 1111")]
    [InlineData("4111 1111 1111 1111 12/27 cvv 123")]
    [InlineData("4111111111111111 1227 123")]
    [InlineData("3782 822463 10005")]
    [InlineData("no onions\nAmex 3782-822463-10005\nthanks")]
    [InlineData("４１１１１１１１１１１１１１１１")] // fullwidth digits
    public void CardNumbers_InsideOtherText_AreFound(string text)
    {
        Assert.True(CardNumbers.Holds(text));
    }

    [Theory]
    [InlineData("411111111117", false)] // 12 digits, Luhn-valid: too short
    [InlineData("4222222222222", true)] // 13
    [InlineData("4111111111111111110", true)] // 19
    [InlineData("41111111111111111115", false)] // 20 digits, Luhn-valid: too long
    public void Lengths_13To19_AreCardNumbers(string digits, bool found)
    {
        Assert.Equal(found, CardNumbers.Holds(digits));
        Assert.Equal(found, CardNumbers.Holds($"ref {digits} ok"));
    }

    [Theory]
    [InlineData("4111111111111112")] // Luhn-invalid, 16 digits
    [InlineData("4111 1111 1111 1112")]
    [InlineData("4111-1111-1111-1112")]
    [InlineData("Table 12")]
    [InlineData("2 burgers, no onions, 1 well done")]
    [InlineData("+1 555-123-4567")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("2026-11-25 19:02")]
    [InlineData("12.50 + 3.75")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")] // a UUID
    [InlineData("0000 0000 0000 0000")] // no card number starts with 0
    [InlineData("0411111111111111")]
    [InlineData("4111    1111    1111    1111")] // four spaces: separate numbers
    [InlineData("4111.1111.1111.1111")] // dots are not how card numbers are written
    [InlineData("4111\n1111\n1111\n1111")] // a number per line
    [InlineData("")]
    public void OrdinaryText_AndLuhnInvalidNumbers_AreNotFound(string text)
    {
        Assert.False(CardNumbers.Holds(text));
    }

    [Fact]
    public void Find_GivesTheWholeChainOfGroups()
    {
        Assert.True(CardNumbers.Find("paid 4111 1111 1111 1111 12/27", out var start, out var length));
        Assert.Equal((5, "4111 1111 1111 1111 12"), (start, "paid 4111 1111 1111 1111 12/27".Substring(start, length)));
    }

    [Fact]
    public void Redact_ReplacesEachNumber_AndLeavesTheRest()
    {
        Assert.Equal("a [card number removed] b [card number removed] c 12",
            CardNumbers.Redact("a 4111-1111-1111-1111 b 5555555555554444 c 12"));
        Assert.Equal("nothing here 123", CardNumbers.Redact("nothing here 123"));
    }

    [Fact]
    public void Reading_IsLinear_OnTheWorstInput()
    {
        // Single digits one space apart: every digit starts a group, so every digit opens a candidate.
        var text = new StringBuilder().Insert(0, "1 ", 1_000_000).ToString();
        var started = Stopwatch.GetTimestamp();
        Assert.False(CardNumbers.Holds(text));
        // About 20 ms on a laptop; a quadratic reading would take hours.
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void TextRules_RefuseACardNumber_NamingTheField_WithoutTheDigits()
    {
        var error = TextRules.Check("reference", "auth 4111 1111 1111 1111", 200);
        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.CardDataRefused, error.Code);
        Assert.Equal("reference", error.Field);
        Assert.DoesNotContain("4111", error.Detail, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.CardDataRefused, TextRules.Check("note", "line one\n4111111111111111", 200, multiLine: true)?.Code);
    }

    [Fact]
    public void TextRules_TakeTheSameDigits_InAnIdentifier()
    {
        Assert.Null(TextRules.Check("commandId", "4111111111111111", 200, identifier: true));
        // The other rules still apply to an identifier.
        Assert.Equal(ErrorCodes.ValidationFailed, TextRules.Check("commandId", "4111\u00001111", 200, identifier: true)?.Code);
    }

    [Fact]
    public void MenuRules_RefuseACardNumber_InAnItemNameOrStation_OrACategoryName()
    {
        var item = new MenuItem("burger", "Burger", 1250, 825, "kitchen", "mains");
        var categories = new List<MenuCategory> { new("mains", "Mains") };
        static CommandError? Check(MenuItem item, List<MenuCategory> categories) =>
            MenuRules.Check(new MenuDefinition("USD", [item]) { Categories = categories });

        Assert.Null(Check(item, categories));
        Assert.Equal(("items[0].name", ErrorCodes.CardDataRefused), Pair(Check(item with { Name = "Burger 4111111111111111" }, categories)));
        Assert.Equal(("items[0].station", ErrorCodes.CardDataRefused), Pair(Check(item with { Station = "4111-1111-1111-1111" }, categories)));
        Assert.Equal(("categories[0].name", ErrorCodes.CardDataRefused), Pair(Check(item, [new("mains", "5555 5555 5555 4444")])));
    }

    private static (string?, string?) Pair(CommandError? error) => (error?.Field, error?.Code);

    /// <summary>The number in groups of four (the last group shorter), joined by <paramref name="separator"/>.</summary>
    private static string Grouped(string digits, string separator) =>
        string.Join(separator, Enumerable.Range(0, (digits.Length + 3) / 4).Select(i => digits.Substring(i * 4, Math.Min(4, digits.Length - (i * 4)))));
}
