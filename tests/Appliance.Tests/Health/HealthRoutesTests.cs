using System.Net;
using Pos.Api.Health;
using Pos.Contracts.Printing;
using Pos.Grains.Printing;
using Pos.Grains.Printing.EscPos;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Health;

/// <summary>The health routes run ASP.NET Core health checks and answer in one shape: a status and each check in words.</summary>
public sealed class HealthRoutesTests
{
    [Fact]
    public async Task Ready_printers_and_sync_answer_with_their_checks_in_words()
    {
        await using var appliance = await ApplianceFactory.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = appliance.BaseAddress };

        using var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var readiness = await ready.JsonAsync();
        Assert.Equal("ready", readiness.GetProperty("status").GetString());
        Assert.Equal("ok", readiness.GetProperty("checks").GetProperty("postgres").GetString());
        Assert.Equal("ok", readiness.GetProperty("checks").GetProperty("silo").GetString());
        Assert.False(readiness.GetProperty("checks").TryGetProperty("printers", out _)); // not a readiness matter

        using var sync = await anonymous.GetAsync("/health/sync");
        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        Assert.Equal("not linked to a cloud", (await sync.JsonAsync()).GetProperty("checks").GetProperty("sync").GetString());

        using var printers = await anonymous.GetAsync("/health/printers");
        Assert.Equal(HttpStatusCode.OK, printers.StatusCode);
        var report = await printers.JsonAsync();
        Assert.Equal("ok", report.GetProperty("status").GetString());
        Assert.Equal("no printers configured", report.GetProperty("checks").GetProperty("printers").GetString());
    }

    [Fact]
    public void A_printer_that_is_not_printing_is_described_with_why_since_when_and_what_waits()
    {
        var config = new PrinterConfig("grill", "Grill", "10.0.0.9", 9100, "kitchen", null, 42, EscPosCodePage.Pc858, PrintConfirmation.ProcessId, 60);
        var down = new PrinterView(config, PrinterStatus.PaperOut, 2, "Grill reports paper out", null, null,
            new DateTimeOffset(2026, 11, 25, 23, 2, 11, TimeSpan.Zero));

        Assert.Equal("paper out since 2026-11-25 23:02:11Z, 2 job(s) waiting: Grill reports paper out", PrintersHealthCheck.Describe(down));
        Assert.Equal("online", PrintersHealthCheck.Describe(down with { Status = PrinterStatus.Online, QueueDepth = 0 }));
    }
}
