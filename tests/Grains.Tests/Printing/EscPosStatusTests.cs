using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Tests.Printing;

public sealed class EscPosStatusTests
{
    [Theory]
    [InlineData(StatusRequest.Printer, 0x12, PrinterStatus.Online)]
    [InlineData(StatusRequest.Printer, 0x16, PrinterStatus.Online)]   // bit 2: drawer pin, not ours
    [InlineData(StatusRequest.Printer, 0x1A, PrinterStatus.Offline)]
    [InlineData(StatusRequest.OfflineCause, 0x12, PrinterStatus.Online)]
    [InlineData(StatusRequest.OfflineCause, 0x16, PrinterStatus.CoverOpen)]
    [InlineData(StatusRequest.OfflineCause, 0x32, PrinterStatus.PaperOut)]
    [InlineData(StatusRequest.OfflineCause, 0x36, PrinterStatus.CoverOpen)]
    [InlineData(StatusRequest.OfflineCause, 0x52, PrinterStatus.Offline)]
    [InlineData(StatusRequest.ErrorCause, 0x12, PrinterStatus.Online)]
    [InlineData(StatusRequest.ErrorCause, 0x1A, PrinterStatus.Offline)]
    [InlineData(StatusRequest.RollPaperSensor, 0x12, PrinterStatus.Online)]
    [InlineData(StatusRequest.RollPaperSensor, 0x1E, PrinterStatus.Online)]  // near end only
    [InlineData(StatusRequest.RollPaperSensor, 0x72, PrinterStatus.PaperOut)]
    public void TryDecode_ReadsTheStatusBits(StatusRequest request, byte response, PrinterStatus expected)
    {
        Assert.True(EscPosStatus.TryDecode(request, response, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x37)]   // first byte of a process-ID answer
    [InlineData(0x92)]   // bit 7 set
    [InlineData(0x02)]   // bit 4 clear
    public void TryDecode_Refuses_BytesWithoutTheFixedBits(byte response)
    {
        Assert.False(EscPosStatus.TryDecode(StatusRequest.Printer, response, out _));
    }

    [Theory]
    [InlineData(PrinterStatus.Online)]
    [InlineData(PrinterStatus.Offline)]
    [InlineData(PrinterStatus.PaperOut)]
    [InlineData(PrinterStatus.CoverOpen)]
    public void ResponseFor_DecodesBackToTheSameStatus(PrinterStatus status)
    {
        var printer = EscPosStatus.ResponseFor(StatusRequest.Printer, status);
        var cause = EscPosStatus.ResponseFor(StatusRequest.OfflineCause, status);

        Assert.True(EscPosStatus.TryDecode(StatusRequest.Printer, printer, out var online));
        Assert.Equal(status == PrinterStatus.Online ? PrinterStatus.Online : PrinterStatus.Offline, online);
        Assert.True(EscPosStatus.TryDecode(StatusRequest.OfflineCause, cause, out var why));
        Assert.Equal(status, why);
    }

    [Fact]
    public void ResponseFor_ReportsPaperEnd_OnTheRollPaperSensor()
    {
        Assert.Equal(0x72, EscPosStatus.ResponseFor(StatusRequest.RollPaperSensor, PrinterStatus.PaperOut));
        Assert.Equal(0x12, EscPosStatus.ResponseFor(StatusRequest.RollPaperSensor, PrinterStatus.Online));
    }

    [Fact]
    public void Request_IsDleEotN()
    {
        Assert.Equal([0x10, 0x04, 0x04], EscPosStatus.Request(StatusRequest.RollPaperSensor));
    }

    [Fact]
    public void ProcessId_AnswerRoundTrips_AndUsesPrintableDigits()
    {
        var id = ProcessId.ForJob("job-42");

        Assert.True(id.IsValid);
        Assert.Matches("^[0-9A-Z]{4}$", id.ToString());
        Assert.Equal(id, ProcessId.ForJob("job-42"));
        Assert.True(ProcessId.TryParseResponse(id.ToResponse(), out var parsed));
        Assert.Equal(id, parsed);
        Assert.Equal("ZZZZ", ProcessId.FromNumber(ProcessId.Capacity - 1).ToString());
        Assert.False(ProcessId.TryParseResponse([0x37, 0x22, 0x30, 0x30, 0x30, 0x30, 0x01], out _));
    }
}
