using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;
using Pos.Grains.Journal;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Journal;

/// <summary>
/// A business date's seal is a barrier in the journal: it commits only if it counted the date's last event, and
/// after it nothing more counts for that date. So "complete" in the cloud cannot be undone by a late event.
/// </summary>
public sealed class DaySealBarrierTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    private ApplianceFactory _appliance = null!;
    private HttpClient _client = null!;
    private IJournal _journal = null!;

    public async Task InitializeAsync()
    {
        _appliance = await ApplianceFactory.StartAsync();
        _client = _appliance.NewClient();
        await _client.PutMenuAsync();
        _journal = _appliance.Services.GetRequiredService<IJournal>();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _appliance.DisposeAsync();
    }

    [Fact]
    public async Task A_seal_that_missed_an_event_is_refused_and_a_sealed_date_takes_no_more_events()
    {
        // An order of the 25th, left open (the sealer would wait for it; the journal's rule does not depend on that).
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await _client.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();
        var lastOfDay = await _journal.HeadSeqAsync();

        // A seal that counted up to an earlier event is refused, and writes nothing.
        var stale = await SealAsync(lastOfDay - 1, expectedVersion: 0);
        Assert.Equal(AppendOutcome.VersionConflict, stale.Outcome);
        Assert.Equal(lastOfDay, await _journal.HeadSeqAsync());

        var sealedAt = await SealAsync(lastOfDay, expectedVersion: 0);
        Assert.Equal(AppendOutcome.Appended, sealedAt.Outcome);
        var head = await _journal.HeadSeqAsync();

        // Nothing more counts for the 25th: not straight into the journal, not through the API.
        var late = await _journal.AppendAsync(new StreamAppend($"order-{Guid.NewGuid()}", 0,
            [new NewEvent(Guid.NewGuid(), "OrderOpened", "{}")], DateTimeOffset.UtcNow, "test", Day));
        Assert.Equal(AppendOutcome.DaySealed, late.Outcome);
        using var line = await _client.AddLineAsync(orderId, Guid.NewGuid(), "fries", 1);
        Assert.Equal(HttpStatusCode.Conflict, line.StatusCode);
        Assert.Equal("business-day-sealed", (await line.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(head, await _journal.HeadSeqAsync());

        // Another date is not affected, and a date is sealed once.
        var other = await _journal.AppendAsync(new StreamAppend($"order-{Guid.NewGuid()}", 0,
            [new NewEvent(Guid.NewGuid(), "OrderOpened", "{}")], DateTimeOffset.UtcNow, "test", Day.AddDays(1)));
        Assert.Equal(AppendOutcome.Appended, other.Outcome);
        Assert.Equal(AppendOutcome.VersionConflict, (await SealAsync(lastOfDay, expectedVersion: 1)).Outcome);
    }

    private Task<AppendResult> SealAsync(long lastSeq, int expectedVersion) => _journal.AppendAsync(
        new StreamAppend(BusinessDaySealed.StreamId, expectedVersion,
            [new NewEvent(Guid.NewGuid(), BusinessDaySealed.Type, EventJson.Serialize(new BusinessDaySealed(Day, 2, lastSeq)))],
            DateTimeOffset.UtcNow, "test", BusinessDate: null) { Seals = [new DaySeal(Day, lastSeq)] });
}
