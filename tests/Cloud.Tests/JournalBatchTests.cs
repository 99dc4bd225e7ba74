using System.Text.Json;
using Pos.Contracts.Journal;
using Pos.Contracts.Sync;

namespace Pos.Cloud.Tests;

/// <summary>The body a store writes: within the cloud's limit, the events that fit and at least one.</summary>
public sealed class JournalBatchTests
{
    [Fact]
    public void A_store_writes_the_events_that_fit_and_at_least_one()
    {
        var journal = Enumerable.Range(1, 5).Select(i => new JournalEntry(
            i, Guid.CreateVersion7(), $"menu-{i}", 1, "MenuReplaced", DateTimeOffset.UtcNow, "admin", null,
            BigData(i == 3 ? 5_000_000 : 1_500_000))).ToList();

        var first = JournalBatch.Write(journal, 5, JournalBatch.MaxBytes, out var count);
        Assert.Equal(2, count);
        Assert.True(first.Length <= JournalBatch.MaxBytes, $"{first.Length} bytes");
        Assert.Equal([1L, 2L], Seqs(first));
        // An event larger than the limit goes alone (the cloud refuses it; no event the appliance writes is that large).
        var alone = JournalBatch.Write(journal[2..], 5, JournalBatch.MaxBytes, out count);
        Assert.Equal(1, count);
        Assert.Equal([3L], Seqs(alone));
        var rest = JournalBatch.Write(journal[3..], 5, JournalBatch.MaxBytes, out count);
        Assert.Equal(2, count);
        // Without a limit, everything, as the JSON the cloud reads.
        var all = JournalBatch.Write(journal, 5);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], Seqs(all));
        Assert.Equal(5, JsonDocument.Parse(all).RootElement.GetProperty("headSeq").GetInt64());
        Assert.Equal(JsonDocument.Parse(journal[4].Data).RootElement.GetProperty("note").GetString(),
            JsonDocument.Parse(rest).RootElement.GetProperty("events")[1].GetProperty("data").GetProperty("note").GetString());
    }

    internal static string BigData(int bytes) => JsonSerializer.Serialize(new { note = new string('x', bytes) });

    private static List<long> Seqs(byte[] body) =>
        [.. JsonDocument.Parse(body).RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64())];
}
