using Pos.Api.Events;

namespace Pos.Appliance.Journal;

/// <summary>
/// Wakes the API's open event streams (GET /api/v1/events) when the journal writer commits events, and when it is
/// connected again after an outage, so they read the journal right then instead of polling it.
/// </summary>
public static class EventStreamWakeup
{
    public static WebApplication WakeEventStreamsOnCommit(this WebApplication app)
    {
        var writer = app.Services.GetRequiredService<JournalWriter>();
        var signal = app.Services.GetRequiredService<JournalCommitSignal>();
        // Both live as long as the host: nothing to unsubscribe.
        writer.Committed += signal.Notify;
        writer.Reconnected += signal.Notify;
        return app;
    }
}
