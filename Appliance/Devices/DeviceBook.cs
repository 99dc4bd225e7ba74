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
/// change journaled (<see cref="DeviceEvents"/>) before it is answered. A new device's row is written first, marked
/// <c>journal_pending</c> until its event is committed, and its token is recognised only after that (a row the
/// appliance stopped in between is removed at the next start: <see cref="PostgresDeviceDirectory.LoadAsync"/>). A
/// revocation is the other way round: the token is forgotten at once, the event is journaled, then the row says so
/// (the next start catches up from the journal), so a revoked token is never recognised again.
/// </summary>
public sealed class DeviceBook(PosDatabase database, PostgresDeviceDirectory directory, IJournalStreams journal) : IDeviceRegistry, IDevicePairing
{
    private const string DeviceColumns = "device_id, name, role, created_at, revoked_at";

    private NpgsqlDataSource Db => database.DataSource;

    public Task<bool> TryAddAsync(DeviceView device, byte[] tokenHash, CancellationToken cancellationToken) =>
        Guard(AddAsync(device, tokenHash, cancellationToken));

    private async Task<bool> AddAsync(DeviceView device, byte[] tokenHash, CancellationToken cancellationToken)
    {
        await using (var insert = Db.CreateCommand("""
            insert into devices (device_id, name, role, token_hash, created_at, journal_pending) values ($1, $2, $3, $4, $5, true)
            on conflict (device_id) do nothing
            """))
        {
            insert.Parameters.AddWithValue(device.DeviceId);
            insert.Parameters.AddWithValue(device.Name);
            insert.Parameters.AddWithValue(device.Role);
            insert.Parameters.AddWithValue(tokenHash);
            insert.Parameters.AddWithValue(device.CreatedAt.ToUniversalTime());
            if (await insert.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return false;
            }
        }
        var added = new DeviceAdded(device.DeviceId, device.Name, device.Role);
        await JournalNewDeviceAsync(
            new StreamAppend(DeviceEvents.StreamOf(device.DeviceId), 0, [DeviceEvents.ToNew(added)], device.CreatedAt, DeviceIds.Admin, BusinessDate: null),
            device.DeviceId, codeId: null, cancellationToken);
        directory.Admit(tokenHash, new DeviceIdentity(device.DeviceId, device.Name, device.Role));
        return true;
    }

    public Task CreateCodeAsync(NewPairingCode code, CancellationToken cancellationToken) => Guard(CreateAsync(code, cancellationToken));

    private async Task CreateAsync(NewPairingCode code, CancellationToken cancellationToken)
    {
        await using (var insert = Db.CreateCommand("""
            insert into pairing_codes (code_id, code_hash, role, name, created_by, created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7)
            """))
        {
            insert.Parameters.AddWithValue(code.CodeId);
            insert.Parameters.AddWithValue(code.CodeHash);
            insert.Parameters.AddWithValue(code.Role);
            insert.Parameters.AddWithValue((object?)code.Name ?? DBNull.Value);
            insert.Parameters.AddWithValue(code.CreatedBy);
            insert.Parameters.AddWithValue(code.CreatedAt.ToUniversalTime());
            insert.Parameters.AddWithValue(code.ExpiresAt.ToUniversalTime());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        var created = new PairingCodeCreated(code.CodeId, code.Role, code.Name, code.ExpiresAt, code.CreatedBy);
        var append = new StreamAppend(DeviceEvents.PairingCodeStreamOf(code.CodeId), 0, [DeviceEvents.ToNew(created)], code.CreatedAt, code.CreatedBy, BusinessDate: null);
        try
        {
            Appended(await journal.AppendAsync(append, cancellationToken), append);
        }
        catch
        {
            // The code was never shown: drop it, so nothing can pair with a code the journal does not hold.
            await UndoAsync("delete from pairing_codes where code_id = $1", code.CodeId);
            throw;
        }
    }

    public Task<DeviceView?> PairAsync(PairingClaim claim, CancellationToken cancellationToken) => Guard(PairWithAsync(claim, cancellationToken));

    private async Task<DeviceView?> PairWithAsync(PairingClaim claim, CancellationToken cancellationToken)
    {
        DeviceView device;
        Guid codeId;
        string createdBy;
        await using (var conn = await Db.OpenConnectionAsync(cancellationToken))
        await using (var tx = await conn.BeginTransactionAsync(cancellationToken))
        {
            // The one statement that decides: of two phones sending the same code, one updates the row, the other finds it used.
            await using (var use = new NpgsqlCommand("""
                update pairing_codes set used_at = $2, used_by = $3
                where code_hash = $1 and used_at is null and expires_at > $2
                returning code_id, role, name, created_by
                """, conn, tx))
            {
                use.Parameters.AddWithValue(claim.CodeHash);
                use.Parameters.AddWithValue(claim.At.ToUniversalTime());
                use.Parameters.AddWithValue(claim.DeviceId);
                await using var reader = await use.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return null; // wrong, used or expired: the same to the caller
                }
                codeId = reader.GetGuid(0);
                // The manager's name for the device, when the code has one, else the phone's.
                device = new DeviceView(claim.DeviceId, reader.IsDBNull(2) ? claim.Name : reader.GetString(2), reader.GetString(1), claim.At);
                createdBy = reader.GetString(3);
            }
            await using (var insert = new NpgsqlCommand("""
                insert into devices (device_id, name, role, token_hash, created_at, journal_pending) values ($1, $2, $3, $4, $5, true)
                """, conn, tx))
            {
                insert.Parameters.AddWithValue(device.DeviceId);
                insert.Parameters.AddWithValue(device.Name);
                insert.Parameters.AddWithValue(device.Role);
                insert.Parameters.AddWithValue(claim.TokenHash);
                insert.Parameters.AddWithValue(device.CreatedAt.ToUniversalTime());
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
        }
        var paired = new DevicePaired(device.DeviceId, device.Name, device.Role, codeId, createdBy);
        var append = new StreamAppend(DeviceEvents.StreamOf(device.DeviceId), 0, [DeviceEvents.ToNew(paired)], claim.At, device.DeviceId, BusinessDate: null)
        {
            Linked = [new LinkedAppend(DeviceEvents.PairingCodeStreamOf(codeId), 1, [DeviceEvents.ToNew(new PairingCodeUsed(codeId, device.DeviceId))])],
        };
        await JournalNewDeviceAsync(append, device.DeviceId, codeId, cancellationToken);
        directory.Admit(claim.TokenHash, new DeviceIdentity(device.DeviceId, device.Name, device.Role));
        return device;
    }

    /// <summary>
    /// Journals a new device's event and clears its pending mark; when the journal fails, the device's row goes (its
    /// token was never answered) and the code it used is free again, so the phone can try the same code once more.
    /// </summary>
    private async Task JournalNewDeviceAsync(StreamAppend append, string deviceId, Guid? codeId, CancellationToken cancellationToken)
    {
        try
        {
            Appended(await journal.AppendAsync(append, cancellationToken), append);
        }
        catch
        {
            if (codeId is { } used)
            {
                await UndoAsync("update pairing_codes set used_at = null, used_by = null where code_id = $1", used);
            }
            await UndoAsync("delete from devices where device_id = $1 and journal_pending", deviceId);
            throw;
        }
        await ExecuteAsync("update devices set journal_pending = false where device_id = $1", [deviceId], cancellationToken);
    }

    public Task<Revocation> RevokeAsync(string deviceId, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        Guard(RevokeDeviceAsync(deviceId, by, at, cancellationToken));

    private async Task<Revocation> RevokeDeviceAsync(string deviceId, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await FindAsync(deviceId, cancellationToken) is not { } device)
        {
            return Revocation.Unknown;
        }
        // Refused from the next request on, whatever happens below.
        directory.Forget(deviceId);
        if (device.RevokedAt is not null)
        {
            return Revocation.AlreadyRevoked;
        }
        var stream = DeviceEvents.StreamOf(deviceId);
        var revoked = new DeviceRevoked(device.DeviceId, device.Name, device.Role);
        // The journal decides between two managers revoking at once: one append wins, the other finds the revocation.
        for (var attempt = 0; ; attempt++)
        {
            var events = await journal.ReadStreamAsync(stream, cancellationToken);
            if (events.FirstOrDefault(e => e.Type == nameof(DeviceRevoked)) is { } earlier)
            {
                await MarkRevokedAsync(deviceId, earlier.DeviceId, earlier.OccurredAt, cancellationToken);
                return Revocation.AlreadyRevoked;
            }
            var version = events.Count == 0 ? 0 : events[^1].StreamVersion;
            var append = new StreamAppend(stream, version, [DeviceEvents.ToNew(revoked)], at, by, BusinessDate: null);
            var result = await journal.AppendAsync(append, cancellationToken);
            if (result.Outcome == AppendOutcome.Appended)
            {
                await MarkRevokedAsync(deviceId, by, at, cancellationToken);
                return Revocation.Revoked;
            }
            if (result.Outcome != AppendOutcome.VersionConflict || attempt >= 3)
            {
                Appended(result, append);
            }
        }
    }

    private Task MarkRevokedAsync(string deviceId, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync("update devices set revoked_at = $2, revoked_by = $3 where device_id = $1 and revoked_at is null",
            [deviceId, at.ToUniversalTime(), by], cancellationToken);

    public Task<IReadOnlyList<DeviceView>> ListAsync(CancellationToken cancellationToken) =>
        Guard(ReadAsync($"select {DeviceColumns} from devices where not journal_pending order by device_id", null, cancellationToken));

    public async Task<DeviceView?> FindAsync(string deviceId, CancellationToken cancellationToken) =>
        (await Guard(ReadAsync($"select {DeviceColumns} from devices where device_id = $1 and not journal_pending", deviceId, cancellationToken)))
            .FirstOrDefault();

    /// <summary>An append that did not commit is a bug here (new streams, checked versions): said, never hidden.</summary>
    private static void Appended(AppendResult result, StreamAppend append)
    {
        if (result.Outcome != AppendOutcome.Appended)
        {
            throw new InvalidOperationException($"The journal did not take the {append.Events[0].Type} event of {append.StreamId}: {result.Outcome} {result.Reason}");
        }
    }

    /// <summary>
    /// Takes back what a failed change wrote, when the database lets it; when it does not (it is away), the next start
    /// does (a pending device is removed, its code freed), and the original failure is what the caller sees.
    /// </summary>
    private async Task UndoAsync(string sql, object parameter)
    {
        try
        {
            await ExecuteAsync(sql, [parameter], CancellationToken.None);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            // Left to the next start.
        }
    }

    private async Task ExecuteAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var p in parameters)
        {
            cmd.Parameters.AddWithValue(p);
        }
        await cmd.ExecuteNonQueryAsync(cancellationToken);
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
