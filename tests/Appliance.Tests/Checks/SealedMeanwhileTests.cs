using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pos.Contracts.Journal;
using Pos.Grains.Journal;
using Pos.Tests.Shared;
using static Pos.Appliance.Tests.Checks.CheckClient;

namespace Pos.Appliance.Tests.Checks;

/// <summary>
/// docs/CONFLICTS.md, K16: a command across orders whose business date was sealed between its decision and its write.
/// An open order's date cannot seal, so this is the journal's last guard (each linked append carries its order's date,
/// and the writer refuses an append to a sealed date): the test's journal answers that refusal for the next append
/// that moves lines, as the writer does when the seal committed first. The command is a 409, nothing is written, and
/// the same move sent again once the journal takes it lands whole.
/// </summary>
public sealed class SealedMeanwhileTests : IAsyncLifetime
{
    private ApplianceFactory _appliance = null!;
    private HttpClient _till = null!;
    private SealedMeanwhileJournal _journal = null!;

    public async Task InitializeAsync()
    {
        _appliance = await ApplianceFactory.StartAsync(services: s => s.AddSingleton<IJournalStreams>(sp =>
            _journal = new SealedMeanwhileJournal(sp.GetRequiredService<IJournal>())));
        _till = _appliance.NewClient();
        (await _till.PutMenuAsync()).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        _till.Dispose();
        await _appliance.DisposeAsync();
    }

    [Fact]
    public async Task K16_AMoveWhoseDateWasSealedMeanwhile_IsConflict_BusinessDaySealed_AndWritesNothing()
    {
        var from = await OpenAsync(_till);
        var to = await OpenAsync(_till, "14");
        var fries = await AddAsync(_till, from, "fries");

        _journal.SealBeforeNextMove = true;
        await ProblemAsync(await MoveAsync(_till, from, to, [fries]), HttpStatusCode.Conflict, "business-day-sealed");
        Assert.False(_journal.SealBeforeNextMove);
        Assert.DoesNotContain(await _till.ReadJournalAsync(), e => e.GetProperty("type").GetString() is "LinesMovedOut" or "LinesMovedIn");
        Assert.Equal([fries], LineIds(await OrderAsync(_till, from)));
        Assert.Empty(LineIds(await OrderAsync(_till, to)));

        var moved = await OkAsync(await MoveAsync(_till, from, to, [fries]), "applied");
        Assert.Empty(LineIds(moved));
        Assert.Equal([fries], LineIds(await OrderAsync(_till, to)));
    }

    /// <summary>The appliance's journal, refusing the next append that moves lines as the writer refuses one to a sealed date.</summary>
    private sealed class SealedMeanwhileJournal(IJournal journal) : IJournalStreams
    {
        public bool SealBeforeNextMove { get; set; }

        public Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken cancellationToken = default)
        {
            if (SealBeforeNextMove && append.Events.Concat(append.Linked.SelectMany(l => l.Events)).Any(e => e.Type == "LinesMovedOut"))
            {
                SealBeforeNextMove = false;
                return Task.FromResult(new AppendResult(AppendOutcome.DaySealed, 0, 0, 0, "A business date of the append was sealed."));
            }
            return journal.AppendAsync(append, cancellationToken);
        }

        public Task<IReadOnlyList<JournalEntry>> ReadStreamAsync(string streamId, CancellationToken cancellationToken = default) =>
            journal.ReadStreamAsync(streamId, cancellationToken);
    }
}
