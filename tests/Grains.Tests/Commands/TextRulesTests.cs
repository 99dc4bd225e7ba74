using Pos.Contracts.Problems;
using Pos.Contracts.Requests;


namespace Pos.Grains.Tests.Commands;

/// <summary>What text the store takes: no control characters, newlines only where a field allows them, lengths in characters.</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Table 12", false)]
    [InlineData("Crème brûlée, 🌶 extra", false)]
    [InlineData("line one\nline two\r\n\tthree", true)]
    public void PlainText_IsTaken(string value, bool multiLine)
    {
        Assert.Null(TextRules.Check("f", value, 100, multiLine: multiLine));
    }

    [Theory]
    [InlineData('\u0000')]
    [InlineData('\u0001')]
    [InlineData('\u001b')]
    [InlineData('\u007f')]
    [InlineData('\u0085')]
    [InlineData('\u009f')]
    public void ControlCharacters_AreRefused_EvenWhereNewlinesAreAllowed(char control)
    {
        var error = TextRules.Check("note", $"ab{control}cd", 100, multiLine: true);
        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("note", error.Field);
        Assert.Contains($"U+{(int)control:X4}", error.Detail, StringComparison.Ordinal);
        Assert.Contains("position 3", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\tb")]
    public void Newlines_AreRefused_InOneLineFields(string value)
    {
        Assert.Equal("table", TextRules.Check("table", value, 20)?.Field);
    }

    [Theory]
    [InlineData('\u202E')]
    [InlineData('\u202A')]
    [InlineData('\u2066')]
    [InlineData('\u2069')]
    [InlineData('\uFEFF')]
    [InlineData('\uFFFF')]
    public void CharactersThatHideOrReorderText_AreRefused_Everywhere(char hidden)
    {
        var error = TextRules.Check("note", $"pay{hidden}later", 100, multiLine: true);
        Assert.NotNull(error);
        Assert.Contains("hides or reorders", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void UnicodeLineBreaks_AreNewlines_RefusedInOneLine_AndSplitInSeveral()
    {
        Assert.NotNull(TextRules.Check("table", "12\u2028B", 20));
        Assert.NotNull(TextRules.Check("name", "Bar\u2029Till", 20));
        Assert.Null(TextRules.Check("note", "no salt\u2028no pepper", 100, multiLine: true));
        Assert.Equal(["no salt", "no pepper"], TextRules.Lines("no salt\u2028no pepper"));
    }

    [Fact]
    public void EmojiJoiners_AreText()
    {
        Assert.Null(TextRules.Check("note", "for \U0001F469\u200D\U0001F373 at table 4", 100));
    }

    [Fact]
    public void LoneSurrogates_AreRefused_AndPairsTaken()
    {
        Assert.NotNull(TextRules.Check("f", "a" + '\ud800' + "b", 10));
        Assert.NotNull(TextRules.Check("f", "a" + '\udc00', 10));
        Assert.NotNull(TextRules.Check("f", "a" + '\ud800', 10));
        Assert.Null(TextRules.Check("f", "a" + '\ud83c' + '\udf36', 10));
    }

    [Fact]
    public void Length_IsCountedInCharacters()
    {
        var pepper = "\U0001F336";
        Assert.Null(TextRules.Check("f", string.Concat(Enumerable.Repeat(pepper, 5)), 5));
        var error = TextRules.Check("f", string.Concat(Enumerable.Repeat(pepper, 6)), 5);
        Assert.NotNull(error);
        Assert.Contains("at most 5 characters (it has 6)", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_RefusesNullAndBlank()
    {
        Assert.NotNull(TextRules.Check("f", null, 5, required: true));
        Assert.NotNull(TextRules.Check("f", "  ", 5, required: true));
        Assert.Null(TextRules.Check("f", null, 5));
    }

    [Fact]
    public void Lines_SplitsOnEveryKindOfNewline()
    {
        Assert.Equal(["a", "b", "c", "d e"], TextRules.Lines("a\r\nb\nc\rd\te"));
        Assert.Equal(["one"], TextRules.Lines("one"));
    }
}
