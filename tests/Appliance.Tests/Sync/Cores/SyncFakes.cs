using Pos.Appliance.Sync;
using Pos.Contracts.Journal;
using Pos.Contracts.Menu;
using Pos.Contracts.Sync;

namespace Pos.Appliance.Tests.Sync.Cores;

/// <summary>The journal in memory: events with seqs 1..n.</summary>
internal sealed class FakeJournal : ISyncJournal
{
    public List<JournalEntry> Events { get; } = [];

    public int Reads { get; private set; }

    public void Append(int count, int dataBytes = 10)
    {
        for (var i = 0; i < count; i++)
        {
            var seq = Events.Count + 1L;
            Events.Add(new JournalEntry(seq, Guid.NewGuid(), $"order-{seq}", 1, "OrderOpened",
                new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero), "till-1", new DateOnly(2026, 11, 25),
                $"{{\"note\":\"{new string('x', dataBytes)}\"}}"));
        }
    }

    public Task<JournalPage> ReadAfterAsync(long seq, int limit, CancellationToken cancellationToken)
    {
        Reads++;
        var page = Events.Where(e => e.Seq > seq).Take(limit).ToList();
        var head = Events.Count == 0 ? 0 : Events[^1].Seq;
        return Task.FromResult(new JournalPage(page, page.Count == 0 ? seq : page[^1].Seq, head));
    }
}

/// <summary>The checkpoint row in memory, with every write it got.</summary>
internal sealed class FakeCheckpoints : ISyncCheckpoints
{
    public SyncCheckpoint Row { get; private set; } = new(0, null, null, null, 0, null);

    public List<long> Acks { get; } = [];

    public Task<SyncCheckpoint> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Row);

    public Task AckedAsync(long ackedSeq, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Acks.Add(ackedSeq);
        Row = Row with { AckedSeq = ackedSeq, LastSuccessAt = at };
        return Task.CompletedTask;
    }

    public Task FailedAsync(string error, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Row = Row with { LastError = error, LastErrorAt = at };
        return Task.CompletedTask;
    }

    public Task MenuPulledAsync(int version, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Row = Row with { MenuVersion = Math.Max(Row.MenuVersion, version), MenuPulledAt = at };
        return Task.CompletedTask;
    }
}

/// <summary>
/// The cloud in memory: checks each signature against its own clock (<see cref="Now"/>) as the real one does, and
/// answers as <see cref="Answer"/> says (by default: stores the batch and acknowledges its last seq).
/// </summary>
internal sealed class FakeCloud(byte[] secret) : ICloudSync
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 25, 23, 0, 0, TimeSpan.Zero);

    public List<(byte[] Body, string Signature)> Batches { get; } = [];

    public List<int> MenuAsks { get; } = [];

    /// <summary>The answer to a batch whose signature is good, given its events' seqs; null: acknowledge the last.</summary>
    public Func<IReadOnlyList<long>, CloudReply>? Answer { get; set; }

    public CloudReply MenuAnswer { get; set; } = new CloudReply.NoNewMenu();

    public byte[] MenuRequestSigned => "/cloud/v1/stores/s1/menu/published"u8.ToArray();

    public Task<CloudReply> SendBatchAsync(byte[] body, string signature, CancellationToken cancellationToken)
    {
        Batches.Add((body, signature));
        if (Check(signature, body) is { } refused)
        {
            return Task.FromResult(refused);
        }
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var seqs = json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        return Task.FromResult(Answer?.Invoke(seqs) ?? new CloudReply.Acked(seqs[^1]));
    }

    public Task<CloudReply> GetPublishedMenuAsync(int afterVersion, string signature, CancellationToken cancellationToken)
    {
        MenuAsks.Add(afterVersion);
        return Task.FromResult(Check(signature, MenuRequestSigned) ?? MenuAnswer);
    }

    private CloudReply? Check(string signature, byte[] signed) =>
        BatchSignature.Verify(signature, secret, Now, signed) is { } why ? new CloudReply.Unauthorized(Now, why) : null;
}

/// <summary>The store's menu in memory; refuses a menu when <see cref="Refusal"/> is set.</summary>
internal sealed class FakeMenu : IStoreMenu
{
    public List<MenuDefinition> Applied { get; } = [];

    public string? Refusal { get; set; }

    public Task<(int? Version, string? Refusal)> ReplaceAsync(MenuDefinition menu, CancellationToken cancellationToken)
    {
        if (Refusal is not null)
        {
            return Task.FromResult<(int?, string?)>((null, Refusal));
        }
        Applied.Add(menu);
        return Task.FromResult<(int?, string?)>((Applied.Count, null));
    }
}
