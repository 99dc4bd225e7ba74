using Pos.Contracts.Printing;
using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Tests.Printing;

public sealed class EscPosRoundTripTests
{
    [Fact]
    public void Writer_EmitsTheDocumentedBytes_ForEachCommand()
    {
        Assert.Equal([0x1B, 0x40], new EscPosWriter().Initialize().ToArray());
        Assert.Equal([0x1B, 0x74, 19], new EscPosWriter().SelectCodePage(EscPosCodePage.Pc858).ToArray());
        Assert.Equal([0x1B, 0x61, 1], new EscPosWriter().Align(EscPosAlignment.Center).ToArray());
        Assert.Equal([0x1B, 0x45, 1], new EscPosWriter().Bold(true).ToArray());
        Assert.Equal([0x1D, 0x21, 0x11], new EscPosWriter().Size(true, true).ToArray());
        Assert.Equal([0x0A], new EscPosWriter().LineFeed().ToArray());
        Assert.Equal([0x1B, 0x64, 3], new EscPosWriter().Feed(3).ToArray());
        Assert.Equal([0x1D, 0x56, 66, 0], new EscPosWriter().Cut().ToArray());
        Assert.Equal(
            [0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, (byte)'0', (byte)'0', (byte)'1', (byte)'Z'],
            new EscPosWriter().RequestProcessId(71).ToArray());
    }

    [Fact]
    public void Reader_ReadsBackEveryCommandTheWriterWrites()
    {
        var bytes = new EscPosWriter()
            .Initialize()
            .SelectCodePage(EscPosCodePage.Pc858)
            .Align(EscPosAlignment.Right)
            .Bold(true)
            .Size(doubleWidth: true, doubleHeight: false)
            .Text("Crème brûlée 4,50 €")
            .LineFeed()
            .Bold(false)
            .Size(doubleWidth: false, doubleHeight: true)
            .Feed(4)
            .Cut()
            .RequestProcessId(ProcessId.FromNumber(1234))
            .ToArray();

        EscPosCommand[] expected =
        [
            new InitializeCommand(),
            new SelectCodePageCommand(19),
            new AlignCommand(EscPosAlignment.Right),
            new BoldCommand(true),
            new SizeCommand(2, 1),
            new TextCommand("Crème brûlée 4,50 €"),
            new LineFeedCommand(),
            new BoldCommand(false),
            new SizeCommand(1, 2),
            new FeedCommand(4),
            new CutCommand(Partial: true),
            new RequestProcessIdCommand(ProcessId.FromNumber(1234)),
        ];
        Assert.Equal(expected, EscPosReader.Parse(bytes));
    }

    [Fact]
    public void Reader_KeepsUnknownCommandsWhole_AndReadsRealTimeStatusRequests()
    {
        byte[] bytes = [0x1B, 0x21, 0x08, 0x10, 0x04, 0x02, 0x1D, 0x28, 0x4C, 0x02, 0x00, 0x30, 0x32, (byte)'A'];

        EscPosCommand[] expected =
        [
            new UnknownCommand([0x1B, 0x21, 0x08]),
            new RealTimeStatusRequestCommand(2),
            new UnknownCommand([0x1D, 0x28, 0x4C, 0x02, 0x00, 0x30, 0x32]),
            new TextCommand("A"),
        ];
        Assert.Equal(expected, EscPosReader.Parse(bytes));
    }

    [Fact]
    public void Reader_ResetsToPc437_OnInitialize()
    {
        // 0xD5 is '€' in PC858 and '╒' in PC437.
        byte[] bytes = [0x1B, 0x74, 19, 0xD5, 0x1B, 0x40, 0xD5];

        var texts = EscPosReader.Parse(bytes).OfType<TextCommand>().Select(t => t.Text);

        Assert.Equal(["€", "╒"], texts);
    }

    [Fact]
    public void Render_ShowsLinesAndMarkers()
    {
        var bytes = new EscPosWriter()
            .Initialize()
            .Bold(true).Line("2 x Burger").Bold(false)
            .Text("no onions")
            .Feed(3)
            .Cut()
            .RequestProcessId(ProcessId.FromNumber(35))
            .ToArray();

        var text = EscPosText.Render(EscPosReader.Parse(bytes));

        Assert.Equal("2 x Burger\nno onions\n[FEED 3]\n[CUT]\n[PROCESS ID 000Z]\n", text);
    }
}
