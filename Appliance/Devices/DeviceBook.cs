using Npgsql;
using Pos.Api.Auth;
using Pos.Api.Devices;
using Pos.Appliance.Database;
using Pos.Contracts.Devices;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Appliance.Devices;

/// <summary>
/// The devices and pairing codes in the appliance's PostgreSQL (hashes of tokens and codes, never the secrets), each
/// change journaled (<see cref="DeviceEvents"/>). The journal is the truth and the tables follow it:
/// <list type="bullet">
/// <item>A new device's row is written first, marked <c>journal_pending</c>, then its event is journaled, then its token
/// is recognised. When the append's outcome is unknown (the database went away mid-write) nothing is taken back: the
/// row stays pending, and whoever meets it next settles it by what the journal holds (a keyed resend of the pairing, the
/// admin registering the id again, the writer's reconnection, the next start). A pending row the journal holds is a
/// device like any other; one it does not hold is nobody's yet.</item>
/// <item>A revocation is journaled first, then the token is forgotten and the row marked; while the append fails the
/// token keeps working, as the journal does not say otherwise.</item>
/// <item>A pairing code is journaled first, then its row is written: a code is usable only once both are.</item>
/// </list>
/// </summary>
public sealed partial class DeviceBook(PosDatabase database, PostgresDeviceDirectory directory, IJournalStreams journal) : IDeviceRegistry, IDevicePairing
{
    /// <summary>A device is listed once the journal holds it; revokedAt is the journal's when the row has not caught up.</summary>
    private const string Visible = $"""
        select d.device_id, d.name, d.role, d.created_at, coalesce(d.revoked_at, (
            select j.occurred_at from journal j where j.stream_id = '{DeviceEvents.DeviceStreamPrefix}' || d.device_id and j.type = '{nameof(DeviceRevoked)}' limit 1))
        from devices d
        where (not d.journal_pending or exists (select 1 from journal j where j.stream_id = '{DeviceEvents.DeviceStreamPrefix}' || d.device_id))
        """;

    // Registrations of one device id one at a time (an id picks one of these): a registration taking over a pending row
    // must not meet another still between its insert and its journal append. Few, so unrelated ids rarely wait.
    private readonly SemaphoreSlim[] _registering = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];

    private NpgsqlDataSource Db => database.DataSource;

    public Task<bool> TryAddAsync(DeviceView device, byte[] tokenHash, CancellationToken cancellationToken) =>
        Guard(AddOneAtATimeAsync(device, tokenHash, cancellationToken));

    private async Task<bool> AddOneAtATimeAsync(DeviceView device, byte[] tokenHash, CancellationToken cancellationToken)
    {
        var gate = _registering[(int)((uint)StringComparer.Ordinal.GetHashCode(device.DeviceId) % (uint)_registering.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await AddAsync(device, tokenHash, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<bool> AddAsync(DeviceView device, byte[] tokenHash, CancellationToken cancellationToken)
    {
        var added = new DeviceAdded(device.DeviceId, device.Name, device.Role);
        var append = new StreamAppend(DeviceEvents.StreamOf(device.DeviceId), 0, [DeviceEvents.ToNew(added)], device.CreatedAt, DeviceIds.Admin, BusinessDate: null);
        bool IsThisOne(DeviceEvent e) => e == added;
        var inserted = await ExecuteAsync("""
            insert into devices (device_id, name, role, token_hash, created_at, journal_pending) values ($1, $2, $3, $4, $5, true)
            on conflict (device_id) do nothing
            """, [device.DeviceId, device.Name, device.Role, tokenHash, device.CreatedAt.ToUniversalTime()], cancellationToken);
        if (inserted == 0)
        {
            // The id is taken, unless by a registration whose answer was a 503 and whose event the journal does not hold:
            // that one never became a device, and this registration takes its place.
            var takenOver = await ExecuteAsync($"""
                update devices set name = $2, role = $3, token_hash = $4, created_at = $5
                where device_id = $1 and journal_pending
                  and not exists (select 1 from journal j where j.stream_id = '{DeviceEvents.DeviceStreamPrefix}' || $1)
                """, [device.DeviceId, device.Name, device.Role, tokenHash, device.CreatedAt.ToUniversalTime()], cancellationToken);
            if (takenOver == 0)
            {
                return false;
            }
        }
        if (await SettleNewDeviceAsync(append, new DeviceIdentity(device.DeviceId, device.Name, device.Role), tokenHash, IsThisOne, cancellationToken))
        {
            return true;
        }
        // The first registration's event landed after all (its outcome was unknown), with other details, or the device
        // was revoked meanwhile: the journal's device stands, and the id is taken.
        if ((await JournaledAsync(append.StreamId, cancellationToken))[0] is DeviceAdded first)
        {
            await ExecuteAsync("update devices set name = $2, role = $3 where device_id = $1", [first.DeviceId, first.Name, first.Role], cancellationToken);
        }
        await ClearPendingAsync(device.DeviceId);
        return false;
    }

    /// <summary>
    /// Journals a new device's event, or finds it journaled by an earlier try whose outcome was unknown; then its token
    /// is recognised and its row's pending mark cleared. False (and the token not recognised) when the stream holds
    /// another event than the one <paramref name="isThisOne"/> recognises, or the device's revocation. When the journal cannot be written this throws, and the row stays
    /// pending: nothing is taken back, so whatever the append's real outcome, the next try finds it out.
    /// </summary>
    private async Task<bool> SettleNewDeviceAsync(
        StreamAppend append, DeviceIdentity device, byte[] tokenHash, Func<DeviceEvent, bool> isThisOne, CancellationToken cancellationToken)
    {
        var result = await journal.AppendAsync(append, cancellationToken);
        if (result.Outcome == AppendOutcome.VersionConflict)
        {
            var journaled = await JournaledAsync(append.StreamId, cancellationToken);
            if (!isThisOne(journaled[0]) || journaled.Any(e => e is DeviceRevoked))
            {
                return false;
            }
        }
        else
        {
            Appended(result, append);
        }
        directory.Admit(tokenHash, device);
        await ClearPendingAsync(device.DeviceId);
        return true;
    }

    /// <summary>
    /// The device is journaled: its row's mark goes. A database gone away right now changes nothing for anyone (a row
    /// the journal holds is listed, its token is recognised), and the writer's reconnection or the next start clears it.
    /// </summary>
    private async Task ClearPendingAsync(string deviceId)
    {
        try
        {
            await ExecuteAsync("update devices set journal_pending = false where device_id = $1 and journal_pending", [deviceId], CancellationToken.None);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            // Left to the next settling.
        }
    }

    private async Task<IReadOnlyList<DeviceEvent>> JournaledAsync(string streamId, CancellationToken cancellationToken) =>
        [.. (await journal.ReadStreamAsync(streamId, cancellationToken)).Select(e => DeviceEvents.FromJournal(e.Type, e.Data))];

    public Task<IReadOnlyList<DeviceView>> ListAsync(CancellationToken cancellationToken) =>
        Guard(ReadAsync($"{Visible} order by d.device_id", null, cancellationToken));

    public async Task<DeviceView?> FindAsync(string deviceId, CancellationToken cancellationToken) =>
        (await Guard(ReadAsync($"{Visible} and d.device_id = $1", deviceId, cancellationToken))).FirstOrDefault();

    /// <summary>An append that did not commit is a bug here (new streams, checked versions): said, never hidden.</summary>
    private static void Appended(AppendResult result, StreamAppend append)
    {
        if (result.Outcome != AppendOutcome.Appended)
        {
            throw new InvalidOperationException($"The journal did not take the {append.Events[0].Type} event of {append.StreamId}: {result.Outcome} {result.Reason}");
        }
    }

    private async Task<int> ExecuteAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var p in parameters)
        {
            cmd.Parameters.AddWithValue(p);
        }
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task<T> Guard<T>(Task<T> call) => DatabaseOutage.GuardAsync(call, Db);

    private Task Guard(Task call) => DatabaseOutage.GuardAsync(call, Db);

    private async Task<IReadOnlyList<DeviceView>> ReadAsync(string sql, string? deviceId, CancellationToken cancellationToken)
    {
        await using var cmd = Db.CreateCommand(sql);
        if (deviceId is not null)
        {
            cmd.Parameters.AddWithValue(deviceId);
        }
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<DeviceView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new DeviceView(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return list;
    }
}
