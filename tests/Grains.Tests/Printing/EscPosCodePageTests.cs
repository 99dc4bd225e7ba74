using Pos.Contracts.Printing;
using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Tests.Printing;

public sealed class EscPosCodePageTests
{
    [Theory]
    [InlineData(EscPosCodePage.Pc858, "Café", "Café")]
    [InlineData(EscPosCodePage.Pc437, "Café", "Café")]
    [InlineData(EscPosCodePage.Pc858, "4,50 €", "4,50 €")]
    [InlineData(EscPosCodePage.Pc437, "4,50 €", "4,50 ?")]
    [InlineData(EscPosCodePage.Pc858, "Pizza 🍕 extra", "Pizza ? extra")]
    [InlineData(EscPosCodePage.Pc858, "Łódź", "?ód?")]
    [InlineData(EscPosCodePage.Pc858, "tab\there", "tab?here")]
    [InlineData(EscPosCodePage.Pc858, "Cafe\u0301", "Café")]
    [InlineData(EscPosCodePage.Pc858, "\u2764\uFE0F x2", "? x2")]         // emoji with a variation selector: one '?'
    [InlineData(EscPosCodePage.Pc858, "q\u0303 ok", "? ok")]               // no precomposed form: one '?'
    public void Text_IsPrintedAsIs_OrReplacedVisiblyByQuestionMark(EscPosCodePage codePage, string text, string printed)
    {
        var bytes = new EscPosWriter().SelectCodePage(codePage).Text(text).ToArray();

        var commands = EscPosReader.Parse(bytes);

        Assert.Equal([new SelectCodePageCommand((byte)codePage), new TextCommand(printed)], commands);
    }

    [Fact]
    public void Text_NeverEmitsControlBytes_SoTextCannotBeReadAsACommand()
    {
        var bytes = EscPosCodePages.Encode("a\u001b@b\u0010\u0004\u0001c\n", EscPosCodePage.Pc437);

        Assert.Equal("a?@b???c?"u8.ToArray(), bytes);
    }

    [Fact]
    public void Euro_IsOneByteInPc858()
    {
        Assert.Equal([0xD5], EscPosCodePages.Encode("€", EscPosCodePage.Pc858));
        Assert.Equal([0x82], EscPosCodePages.Encode("é", EscPosCodePage.Pc858));
    }
}
