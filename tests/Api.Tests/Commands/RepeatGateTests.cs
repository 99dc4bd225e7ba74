using Pos.Api.Commands;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Api.Tests.Commands;

/// <summary>The gate in front of every repeatable command: it holds a key while its first command runs.</summary>
public sealed class RepeatGateTests
{
    private static readonly RepeatKey Key = new("cmd:till-1:q-1", [7, 7]);

    [Fact]
    public async Task A_key_is_held_while_its_first_command_runs_and_judged_by_what_it_kept_afterwards()
    {
        var journal = new KeptAnswers();
        var gate = new RepeatGate(journal);

        var first = await gate.CheckAsync(Key, CommandSource.Request, CancellationToken.None);
        var meanwhile = await gate.CheckAsync(Key, CommandSource.Request, CancellationToken.None);
        journal.Kept[Key.Key] = new KeptAnswer(Key.Key, Key.Fingerprint, "", 3, "applied");
        first.Dispose();
        var after = await gate.CheckAsync(Key, CommandSource.Request, CancellationToken.None);

        Assert.Equal(RepeatVerdict.FirstTime, first.Verdict);
        Assert.Equal(RepeatVerdict.InFlight, meanwhile.Verdict);
        Assert.Equal(RepeatVerdict.Repeat, after.Verdict);
        Assert.Equal(3, after.Kept!.Version);
    }

    [Fact]
    public async Task A_queued_command_waits_for_the_first_under_its_key_and_gets_its_answer()
    {
        var journal = new KeptAnswers();
        var gate = new RepeatGate(journal);
        var first = await gate.CheckAsync(Key, CommandSource.DeviceQueue, CancellationToken.None);

        var waiting = gate.CheckAsync(Key, CommandSource.DeviceQueue, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        journal.Kept[Key.Key] = new KeptAnswer(Key.Key, Key.Fingerprint, "", 5, "applied");
        first.Dispose();
        using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RepeatVerdict.Repeat, second.Verdict);
        Assert.Equal(5, second.Kept!.Version);
    }

    [Fact]
    public async Task A_failed_lookup_lets_the_key_go()
    {
        var journal = new KeptAnswers { Fail = true };
        var gate = new RepeatGate(journal);

        await Assert.ThrowsAsync<JournalUnavailableException>(() => gate.CheckAsync(Key, CommandSource.Request, CancellationToken.None));
        journal.Fail = false;
        using var next = await gate.CheckAsync(Key, CommandSource.Request, CancellationToken.None);

        Assert.Equal(RepeatVerdict.FirstTime, next.Verdict);
    }

    [Fact]
    public async Task What_a_batch_read_before_is_used_instead_of_a_second_read()
    {
        var journal = new KeptAnswers { Fail = true };
        var gate = new RepeatGate(journal);
        var readBefore = new Dictionary<string, KeptAnswer> { [Key.Key] = new(Key.Key, [9], "", 2, "applied") };

        using var check = await gate.CheckAsync(Key, CommandSource.DeviceQueue, CancellationToken.None, readBefore);

        Assert.Equal(RepeatVerdict.KeyReused, check.Verdict);
    }

    /// <summary>The one read the gate makes of the journal: the answer kept under a key.</summary>
    private sealed class KeptAnswers : IKeptAnswerStore
    {
        public Dictionary<string, KeptAnswer> Kept { get; } = [];

        public bool Fail { get; set; }

        public Task<KeptAnswer?> FindResponseAsync(string key, CancellationToken cancellationToken = default) =>
            Fail ? throw new JournalUnavailableException("the database is away") : Task.FromResult(Kept.GetValueOrDefault(key));

        public Task<IReadOnlyDictionary<string, KeptAnswer>> FindResponsesAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<KeptAnswer> RememberResponseAsync(KeptAnswer response, string streamId, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
