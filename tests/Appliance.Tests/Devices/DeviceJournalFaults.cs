using Pos.Contracts.Journal;
using Pos.Grains.Journal;

namespace Pos.Appliance.Tests.Devices;

/// <summary>How the next append of a device event goes wrong.</summary>
public enum DeviceJournalFault
{
    /// <summary>The database stops before the append: the writer fails it, nothing lands.</summary>
    DatabaseStopsFirst,

    /// <summary>The append commits, then the connection is lost before its answer: the appliance sees an outage.</summary>
    LandsThenAnswerLost,

    /// <summary>The append commits, then the database stops before its answer.</summary>
    LandsThenDatabaseStops,
}

/// <summary>
/// The journal the devices are written through (<c>IJournalStreams</c>), with a fault a test arms for the next append of
/// one event type: the database going away mid-write, on either side of the commit. Everything else passes through.
/// </summary>
public sealed class DeviceJournalFaults(IJournal journal, Func<Task> stopDatabase) : IJournalStreams
{
    private (string Type, DeviceJournalFault Fault)? _armed;

    /// <summary>The next append whose first event is of <paramref name="eventType"/> (or links one) meets <paramref name="fault"/>.</summary>
    public void Arm(string eventType, DeviceJournalFault fault) => _armed = (eventType, fault);

    public async Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken cancellationToken = default)
    {
        if (_armed is not { } armed || !Holds(append, armed.Type))
        {
            return await journal.AppendAsync(append, cancellationToken);
        }
        _armed = null;
        if (armed.Fault == DeviceJournalFault.DatabaseStopsFirst)
        {
            await stopDatabase();
            return await journal.AppendAsync(append, cancellationToken);
        }
        var landed = await journal.AppendAsync(append, cancellationToken);
        Assert.Equal(AppendOutcome.Appended, landed.Outcome);
        if (armed.Fault == DeviceJournalFault.LandsThenDatabaseStops)
        {
            await stopDatabase();
        }
        throw new JournalUnavailableException("The journal could not be written (a test lost the commit's answer).");
    }

    public Task<IReadOnlyList<JournalEntry>> ReadStreamAsync(string streamId, CancellationToken cancellationToken = default) =>
        journal.ReadStreamAsync(streamId, cancellationToken);

    private static bool Holds(StreamAppend append, string type) =>
        append.Events.Any(e => e.Type == type) || append.Linked.Any(l => l.Events.Any(e => e.Type == type));
}
