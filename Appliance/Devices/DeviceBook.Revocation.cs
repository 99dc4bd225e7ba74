using Pos.Api.Devices;
using Pos.Appliance.Database;
using Pos.Contracts.Devices;
using Pos.Contracts.Journal;
using Pos.Grains.Journal;

namespace Pos.Appliance.Devices;

/// <summary>Revoking a device (<see cref="DeviceBook"/>): the journal first, then the token, then the row.</summary>
public sealed partial class DeviceBook
{
    public Task<Revocation> RevokeAsync(string deviceId, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        Guard(RevokeDeviceAsync(deviceId, by, at, cancellationToken));

    private async Task<Revocation> RevokeDeviceAsync(string deviceId, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await FindAsync(deviceId, cancellationToken) is not { } device)
        {
            return Revocation.Unknown;
        }
        var stream = DeviceEvents.StreamOf(deviceId);
        var revoked = new DeviceRevoked(device.DeviceId, device.Name, device.Role);
        // The journal decides between two managers revoking at once: one append wins, the other finds the revocation.
        for (var attempt = 0; ; attempt++)
        {
            var events = await journal.ReadStreamAsync(stream, cancellationToken);
            if (RevocationIn(events) is { } earlier)
            {
                await RevokedAsync(deviceId, earlier.DeviceId, earlier.OccurredAt);
                return Revocation.AlreadyRevoked;
            }
            var version = events.Count == 0 ? 0 : events[^1].StreamVersion;
            var append = new StreamAppend(stream, version, [DeviceEvents.ToNew(revoked)], at, by, BusinessDate: null);
            AppendResult result;
            try
            {
                result = await journal.AppendAsync(append, cancellationToken);
            }
            catch (Exception e) when (DatabaseOutage.IsOutage(e))
            {
                // Whether it committed is unknown. The token keeps working unless the journal shows the revocation; if
                // it landed unseen, the writer's reconnection (or the next start, or the manager's retry) finds it.
                if (await RevocationAfterOutageAsync(stream) is { } landed)
                {
                    await RevokedAsync(deviceId, landed.DeviceId, landed.OccurredAt);
                    return Revocation.Revoked;
                }
                throw;
            }
            if (result.Outcome == AppendOutcome.Appended)
            {
                await RevokedAsync(deviceId, by, at);
                return Revocation.Revoked;
            }
            if (result.Outcome != AppendOutcome.VersionConflict || attempt >= 3)
            {
                Appended(result, append);
            }
        }
    }

    private static JournalEntry? RevocationIn(IReadOnlyList<JournalEntry> events) => events.FirstOrDefault(e => e.Type == nameof(DeviceRevoked));

    /// <summary>The revocation, if the journal answers and holds it; null when it does not, or does not answer.</summary>
    private async Task<JournalEntry?> RevocationAfterOutageAsync(string stream)
    {
        try
        {
            return RevocationIn(await journal.ReadStreamAsync(stream, CancellationToken.None));
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            return null;
        }
    }

    /// <summary>
    /// The journal holds the revocation: the token is refused from now on, and the row says so. The row is the
    /// journal's copy (a device is listed with the journal's revokedAt meanwhile), so a database gone away right now
    /// leaves it to the writer's reconnection or the next start.
    /// </summary>
    private async Task RevokedAsync(string deviceId, string by, DateTimeOffset at)
    {
        directory.Forget(deviceId);
        try
        {
            await ExecuteAsync("update devices set revoked_at = $2, revoked_by = $3 where device_id = $1 and revoked_at is null",
                [deviceId, at.ToUniversalTime(), by], CancellationToken.None);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            // Left to the next settling.
        }
    }
}
