using Pos.Contracts.Printing;
using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Tests.Printing;

public sealed class EscPosReaderIncrementalTests
{
    [Fact]
    public void Read_LeavesACommandSplitAcrossBuffers_UntilTheRestArrives()
    {
        var bytes = new EscPosWriter().Text("Fries").Cut().RequestProcessId(ProcessId.FromNumber(7)).ToArray();
        var reader = new EscPosReader();
        var commands = new List<EscPosCommand>();

        // "Fries" (5) + GS V 66 0 (4) + the first 6 bytes of GS ( H.
        var consumed = reader.Read(bytes.AsSpan(0, 15), commands);

        Assert.Equal(9, consumed);
        Assert.Equal([new TextCommand("Fries"), new CutCommand(true)], commands);

        var pending = bytes[consumed..];
        commands.Clear();
        Assert.Equal(pending.Length, reader.Read(pending, commands));
        Assert.Equal([new RequestProcessIdCommand(ProcessId.FromNumber(7))], commands);
    }

    [Fact]
    public void Read_ByteByByte_GivesTheSameCommandsAsOneBuffer()
    {
        var bytes = new EscPosWriter()
            .Initialize().SelectCodePage(EscPosCodePage.Pc858).Size(true, true).Line("€")
            .Feed(2).Cut().RequestProcessId(99).ToArray();
        var reader = new EscPosReader();
        var commands = new List<EscPosCommand>();
        var pending = new List<byte>();

        foreach (var b in bytes)
        {
            pending.Add(b);
            var consumed = reader.Read(pending.ToArray(), commands);
            pending.RemoveRange(0, consumed);
        }

        Assert.Empty(pending);
        Assert.Equal(EscPosReader.Parse(bytes), commands);
    }

    [Theory]
    [InlineData(new byte[] { 0x1B })]
    [InlineData(new byte[] { 0x1B, 0x74 })]
    [InlineData(new byte[] { 0x1D, 0x56, 66 })]
    [InlineData(new byte[] { 0x1D, 0x28, 0x48, 0x06 })]
    [InlineData(new byte[] { 0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, 0x41 })]
    [InlineData(new byte[] { 0x10, 0x04 })]
    public void TryRead_NeedsMoreBytes_ForAnIncompleteCommand(byte[] partial)
    {
        var length = new EscPosReader().TryRead(partial, out var command);

        Assert.Equal(0, length);
        Assert.Null(command);
    }

    [Fact]
    public void Parse_KeepsAnIncompleteTail_AsUnknown()
    {
        Assert.Equal(
            [new TextCommand("ok"), new UnknownCommand([0x1D, 0x56])],
            EscPosReader.Parse([(byte)'o', (byte)'k', 0x1D, 0x56]));
    }
}
