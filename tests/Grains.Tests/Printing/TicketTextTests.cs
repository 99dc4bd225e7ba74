using Pos.Grains.Printing.Tickets;

namespace Pos.Grains.Tests.Printing;

public sealed class TicketTextTests
{
    [Fact]
    public void Wrap_BreaksAtSpaces_AndSplitsWordsLongerThanALine()
    {
        Assert.Equal(["ab cd", "efghij", "klm"], TicketText.Wrap("ab  cd efghijklm", 6));
    }

    [Fact]
    public void Wrap_UsesTheFirstPrefixOnce_ThenTheHangingIndent()
    {
        Assert.Equal(["2 x one two", "    three"], TicketText.Wrap("one two three", 11, "2 x ", "    "));
    }

    [Fact]
    public void Wrap_KeepsAnEmptyLine_ForEmptyText()
    {
        Assert.Equal(["  "], TicketText.Wrap("", 10, "  "));
    }

    [Fact]
    public void Spread_PutsBothEndsOnOneLine_OnlyWhenTheyFit()
    {
        Assert.Equal(["a    b"], TicketText.Spread("a", "b", 6));
        Assert.Equal(["abc", "def"], TicketText.Spread("abc", "def", 6));
    }
}
