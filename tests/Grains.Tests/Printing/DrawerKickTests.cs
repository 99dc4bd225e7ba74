using Pos.Grains.Printing.Documents;
using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Tests.Printing;

/// <summary>The drawer kick's bytes: ESC p m t1 t2 then the process-ID request, read back as the virtual printer reads them.</summary>
public sealed class DrawerKickTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_kick_is_ESC_p_on_its_pin_and_reads_back_as_a_drawer_kick(int pin)
    {
        var jobId = Guid.CreateVersion7();
        var bytes = DocumentRenderer.Render(PrintDocument.KickOn(pin), jobId, isReprint: false);

        Assert.Equal(new byte[] { 0x1B, 0x70, (byte)pin, 25, 250 }, bytes[..5]);
        var commands = EscPosReader.Parse(bytes);
        Assert.Equal(new DrawerKickCommand(pin, 50, 500), commands[0]);
        Assert.Equal(new RequestProcessIdCommand(ProcessId.ForJob(jobId.ToString())), commands[1]);
        Assert.Equal($"[DRAWER KICK pin {pin}]\n[PROCESS ID {ProcessId.ForJob(jobId.ToString())}]\n", EscPosText.Render(commands));
    }

    [Fact]
    public void The_ASCII_forms_of_m_are_read_as_the_same_pins()
    {
        Assert.Equal(new DrawerKickCommand(1, 100, 200), Assert.Single(EscPosReader.Parse([0x1B, 0x70, (byte)'1', 50, 100])));
        Assert.IsType<UnknownCommand>(Assert.Single(EscPosReader.Parse([0x1B, 0x70, 7, 50, 100])));
    }
}
