using System.Collections.Concurrent;
using Pos.Api.Auth;
using Pos.Api.Devices;
using Pos.Appliance.Database;
using Pos.Contracts.Devices;
using Pos.Grains.Devices;
using Pos.Grains.Journal;

namespace Pos.Appliance.Devices;

/// <summary>
/// Every device's token hash in memory (the SHA-256 of its token, never the token itself): loaded from the
/// appliance's PostgreSQL when the database starts (<see cref="LoadAsync"/>), added to when a device is registered or
/// paired and taken from when one is revoked (<see cref="DeviceBook"/>), which is right because this process is the
/// only writer of the devices table. So a token is recognised without the database, while it is away too, and a
/// revoked one is refused from the next request on. A database that is not answering is
/// <see cref="JournalUnavailableException"/> (503), never "unknown token". Every device's name, revoked ones too, goes
/// to <see cref="DeviceNames"/> the same way, so an order names the device that opened it.
/// </summary>
public sealed class PostgresDeviceDirectory(PosDatabase database, DeviceNames names) : IDeviceDirectory
{
    /// <summary>Devices by the base64 of their token's SHA-256.</summary>
    private readonly ConcurrentDictionary<string, DeviceIdentity> _byTokenHash = new(StringComparer.Ordinal);
    private volatile bool _loaded;

    /// <summary>
    /// Puts the devices table right with the journal, then reads every device's token hash into memory; once the
    /// database runs, before tokens are looked up. A device whose insert was never journaled (the appliance stopped
    /// between the two) was never answered: it is removed, and a code it used is free again. A device the journal says
    /// is revoked is revoked in the table too (its revocation was journaled first), and never loaded.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using (var repair = database.DataSource.CreateCommand($"""
            with unjournaled as (
                select d.device_id from devices d
                where d.journal_pending
                  and not exists (select 1 from journal j where j.stream_id = '{DeviceEvents.DeviceStreamPrefix}' || d.device_id)),
            freed as (
                update pairing_codes set used_at = null, used_by = null where used_by in (select device_id from unjournaled))
            delete from devices where device_id in (select device_id from unjournaled)
            """))
        {
            await repair.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var settle = database.DataSource.CreateCommand($"""
            update devices set journal_pending = false where journal_pending;
            update devices d set revoked_at = j.occurred_at, revoked_by = j.device_id
            from journal j
            where j.type = '{nameof(DeviceRevoked)}' and j.stream_id = '{DeviceEvents.DeviceStreamPrefix}' || d.device_id and d.revoked_at is null
            """))
        {
            await settle.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var cmd = database.DataSource.CreateCommand("select device_id, name, role, token_hash, revoked_at is not null from devices");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // A revoked device's token is never loaded, but the orders it opened still name it.
            names.Know(reader.GetString(0), reader.GetString(1));
            if (!reader.GetBoolean(4))
            {
                // A device registered while this ran is there already, from its registration.
                _byTokenHash.TryAdd(Key(reader.GetFieldValue<byte[]>(3)), new DeviceIdentity(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        _loaded = true;
    }

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

    /// <summary>A device registered or paired (and journaled): its token is recognised from now on.</summary>
    internal void Admit(byte[] tokenHash, DeviceIdentity device)
    {
        names.Know(device.DeviceId, device.Name);
        _byTokenHash[Key(tokenHash)] = device;
    }

    /// <summary>A device being revoked: its token is refused from now on.</summary>
    internal void Forget(string deviceId)
    {
        foreach (var (key, device) in _byTokenHash)
        {
            if (string.Equals(device.DeviceId, deviceId, StringComparison.Ordinal))
            {
                _byTokenHash.TryRemove(key, out _);
            }
        }
    }

    private static string Key(byte[] tokenHash) => Convert.ToBase64String(tokenHash);
}
