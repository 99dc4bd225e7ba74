using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pos.Contracts.Journal;

namespace Pos.Cloud.Tests;

/// <summary>A journal entry (a Contracts type, free of Orleans) reaches a store's grain on another silo whole.</summary>
public sealed class JournalEntrySurrogateTests
{
    [Fact]
    public void A_batch_of_entries_round_trips_through_the_silo_serializer()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer<IReadOnlyList<JournalEntry>>>();
        IReadOnlyList<JournalEntry> entries =
        [
            new(1, Guid.NewGuid(), "order-1", 1, "OrderOpened", DateTimeOffset.UnixEpoch, "pos-1", new DateOnly(2026, 12, 2), """{"a":1}"""),
            new(2, Guid.NewGuid(), "menu", 3, "MenuReplaced", DateTimeOffset.UnixEpoch, "hq", null, "{}") { IssuedAt = DateTimeOffset.UnixEpoch.AddHours(1) },
        ];

        var back = serializer.Deserialize(serializer.SerializeToArray(entries));

        Assert.Equal(entries, back);
    }
}
