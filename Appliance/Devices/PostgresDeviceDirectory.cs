using System.Collections.Concurrent;
using Pos.Api.Auth;
using Pos.Api.Devices;
using Pos.Api.Telemetry;
using Pos.Appliance.Database;
using Pos.Contracts.Devices;
using Pos.Grains.Devices;
using Pos.Grains.Journal;

namespace Pos.Appliance.Devices;

/// <summary>
/// Every device's token hash in memory (the SHA-256 of its token, never the token itself): loaded from the
/// appliance's PostgreSQL when the database starts (<see cref="LoadAsync"/>), added to when a device is registered or
/// paired and taken from when one is revoked (<see cref="DeviceBook"/>), and caught up with the journal when its writer
/// reconnects (<see cref="SettleAsync"/>), which is right because this process is the only writer of the devices table. So a token is recognised without the database, while it is away too, and a
/// revoked one is refused from the next request on. A database that is not answering is
/// <see cref="JournalUnavailableException"/> (503), never "unknown token". Every device's name, revoked ones too, goes
/// to <see cref="DeviceNames"/> the same way, so an order names the device that opened it.
/// </summary>
public sealed partial class PostgresDeviceDirectory(PosDatabase database, DeviceNames names, ILogger<PostgresDeviceDirectory> logger) : IDeviceDirectory
{
    /// <summary>Devices by the base64 of their token's SHA-256.</summary>
    private readonly ConcurrentDictionary<string, DeviceIdentity> _byTokenHash = new(StringComparer.Ordinal);
    /// <summary>Devices revoked while this process ran: never admitted again.</summary>
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    /// <summary>Admitted devices by id (a staff session lives as long as its device).</summary>
    private readonly ConcurrentDictionary<string, DeviceIdentity> _byId = new(StringComparer.Ordinal);
    private volatile bool _loaded;

    /// <summary>
    /// Puts the devices table right with the journal, then reads every device's token hash into memory; once the
    /// database runs, before tokens are looked up. A device whose insert was never journaled (the appliance stopped
    /// between the two) was never answered: it is removed, and a code it used is free again. The rest is
    /// <see cref="SettleAsync"/>.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using (var repair = database.DataSource.CreateCommand($"""
            with unjournaled as (
                select d.device_id from devices d
                where d.journal_pending
                  and not exists (select 1 from journal j where j.stream_id = '{DeviceEvents.DeviceStreamPrefix}' || d.device_id)),
            freed as (
                update pairing_codes set used_at = null, used_by = null, used_key_hash = null, used_fingerprint = null, sealed_token = null
                where used_by in (select device_id from unjournaled))
            delete from devices where device_id in (select device_id from unjournaled)
            """))
        {
            await repair.ExecuteNonQueryAsync(cancellationToken);
        }
        await SettleAsync(cancellationToken);
        _loaded = true;
    }

    /// <summary>
    /// Catches the table and this directory up with the journal, which is written first: a pending device the journal
    /// holds is a device (its mark goes, its token is recognised), a device the journal says is revoked is revoked in
    /// the table too and its token refused. At the start, and each time the journal's writer is connected again after
    /// an outage, when a write whose outcome was unknown has become known. A pending device the journal does not hold
    /// is left alone: a pairing may be writing it right now.
    /// </summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        await using (var settle = database.DataSource.CreateCommand($"""
            update devices d set journal_pending = false
            where d.journal_pending and exists (select 1 from journal j where j.stream_id = '{DeviceEvents.DeviceStreamPrefix}' || d.device_id);
            update devices d set revoked_at = j.occurred_at, revoked_by = j.device_id
            from journal j
            where j.type = '{nameof(DeviceRevoked)}' and j.stream_id = '{DeviceEvents.DeviceStreamPrefix}' || d.device_id and d.revoked_at is null
            """))
        {
            await settle.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var cmd = database.DataSource.CreateCommand(
            "select device_id, name, role, token_hash, revoked_at is not null from devices where not journal_pending");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A revoked device's token is never loaded, but the orders it opened still name it.
            names.Know(reader.GetString(0), reader.GetString(1));
            if (reader.GetBoolean(4))
            {
                Forget(reader.GetString(0));
            }
            else
            {
                Admit(reader.GetFieldValue<byte[]>(3), new DeviceIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
    }

    /// <summary>Settles in the background (the writer's reconnection must not wait); a failure is said, and the next one tries again.</summary>
    public void SettleSoon() => _ = Task.Run(async () =>
    {
        try
        {
            await SettleAsync(CancellationToken.None);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            LogSettleFailed(logger, e);
        }
        catch (Exception e)
        {
            // A bug: said with its stack and counted, never lost in a task nobody awaits.
            ApiTelemetry.RecordUnexpected("device-settling");
            LogSettleBug(logger, e);
        }
    });

    public DeviceIdentity? FindByToken(string token)
    {
        if (token.Length is 0 or > 512)
        {
            return null;
        }
        if (!_loaded)
        {
            throw new JournalUnavailableException($"{DatabaseOutage.Detail}: it is not started yet.");
        }
        return _byTokenHash.GetValueOrDefault(Key(DevicesApi.HashOf(token)));
    }

    public DeviceIdentity? FindById(string deviceId)
    {
        if (!_loaded)
        {
            throw new JournalUnavailableException($"{DatabaseOutage.Detail}: it is not started yet.");
        }
        return _byId.GetValueOrDefault(deviceId);
    }

    /// <summary>
    /// A device registered or paired (and journaled): its token is recognised from now on, unless the device was revoked
    /// (a late settling never brings a revoked token back).
    /// </summary>
    internal void Admit(byte[] tokenHash, DeviceIdentity device)
    {
        names.Know(device.DeviceId, device.Name);
        lock (_revoked)
        {
            if (!_revoked.Contains(device.DeviceId))
            {
                _byTokenHash[Key(tokenHash)] = device;
                _byId[device.DeviceId] = device;
            }
        }
    }

    /// <summary>A device revoked (and journaled): its token is refused from now on.</summary>
    internal void Forget(string deviceId)
    {
        lock (_revoked)
        {
            if (!_revoked.Add(deviceId))
            {
                return; // forgotten already, and never admitted since (Admit refuses a revoked device)
            }
            _byId.TryRemove(deviceId, out _);
            foreach (var (key, device) in _byTokenHash)
            {
                if (string.Equals(device.DeviceId, deviceId, StringComparison.Ordinal))
                {
                    _byTokenHash.TryRemove(key, out _);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling the devices with the journal failed; the next reconnection or start does it")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Settling the devices with the journal failed unexpectedly")]
    private static partial void LogSettleBug(ILogger logger, Exception exception);

    private static string Key(byte[] tokenHash) => Convert.ToBase64String(tokenHash);
}
