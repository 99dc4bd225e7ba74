using System.Security.Cryptography;
using Npgsql;
using Pos.Api.Auth;
using Pos.Api.Devices;
using Pos.Contracts.Devices;
using Pos.Grains.Journal;

namespace Pos.Appliance.Devices;

/// <summary>Pairing codes and the phones that use them (<see cref="DeviceBook"/>).</summary>
public sealed partial class DeviceBook
{
    public Task CreateCodeAsync(NewPairingCode code, CancellationToken cancellationToken) => Guard(CreateAsync(code, cancellationToken));

    /// <summary>
    /// Journal first, then the row: a code exists for pairing only once the journal holds it. When the journal's outcome
    /// is unknown, or the row cannot be written after it, the code was never shown: if its event landed, it names a code
    /// nobody holds, which expires unused.
    /// </summary>
    private async Task CreateAsync(NewPairingCode code, CancellationToken cancellationToken)
    {
        var created = new PairingCodeCreated(code.CodeId, code.Role, code.Name, code.ExpiresAt, code.CreatedBy);
        var append = new StreamAppend(DeviceEvents.PairingCodeStreamOf(code.CodeId), 0, [DeviceEvents.ToNew(created)], code.CreatedAt, code.CreatedBy, BusinessDate: null);
        Appended(await journal.AppendAsync(append, cancellationToken), append);
        // Seals older than the resend window past their code's end are erased here, where a manager acts, not on each
        // wrong code an unauthenticated caller sends.
        await ExecuteAsync("update pairing_codes set sealed_token = null where sealed_token is not null and expires_at < $1",
            [code.CreatedAt.ToUniversalTime() - PairingResends.Window], cancellationToken);
        await ExecuteAsync("""
            insert into pairing_codes (code_id, code_hash, role, name, created_by, created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7)
            """,
            [code.CodeId, code.CodeHash, code.Role, (object?)code.Name ?? DBNull.Value, code.CreatedBy, code.CreatedAt.ToUniversalTime(), code.ExpiresAt.ToUniversalTime()],
            cancellationToken);
    }

    public Task<PairingOutcome> PairAsync(PairingClaim claim, CancellationToken cancellationToken) => Guard(PairWithAsync(claim, cancellationToken));

    private async Task<PairingOutcome> PairWithAsync(PairingClaim claim, CancellationToken cancellationToken)
    {
        DeviceView device;
        Guid codeId;
        string createdBy;
        await using (var conn = await Db.OpenConnectionAsync(cancellationToken))
        await using (var tx = await conn.BeginTransactionAsync(cancellationToken))
        {
            // The one statement that decides: of two phones sending the same code, one updates the row, the other finds it used.
            await using (var use = new NpgsqlCommand("""
                update pairing_codes set used_at = $2, used_by = $3, used_key_hash = $4, used_fingerprint = $5, sealed_token = $6
                where code_hash = $1 and used_at is null and expires_at > $2
                returning code_id, role, name, created_by
                """, conn, tx))
            {
                use.Parameters.AddWithValue(claim.CodeHash);
                use.Parameters.AddWithValue(claim.At.ToUniversalTime());
                use.Parameters.AddWithValue(claim.DeviceId);
                use.Parameters.AddWithValue((object?)claim.Resend?.KeyHash ?? DBNull.Value);
                use.Parameters.AddWithValue((object?)claim.Resend?.Fingerprint ?? DBNull.Value);
                use.Parameters.AddWithValue((object?)claim.Resend?.SealedToken ?? DBNull.Value);
                await using var reader = await use.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    await reader.DisposeAsync();
                    await tx.RollbackAsync(cancellationToken);
                    return await ResendAsync(claim, cancellationToken);
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
        // Unknown outcome: this throws (503) and the device stays pending; the phone's resend with its key finishes it.
        return await SettlePairingAsync(device, codeId, createdBy, claim.TokenHash, cancellationToken)
            ? new PairingOutcome(PairingVerdict.Paired, device)
            : throw new InvalidOperationException($"The new stream of {device.DeviceId} holds another device's events.");
    }

    /// <summary>A paired device's events (<c>DevicePaired</c> with its code's <c>PairingCodeUsed</c>), journaled or found journaled.</summary>
    private Task<bool> SettlePairingAsync(DeviceView device, Guid codeId, string createdBy, byte[] tokenHash, CancellationToken cancellationToken)
    {
        var paired = new DevicePaired(device.DeviceId, device.Name, device.Role, codeId, createdBy);
        var append = new StreamAppend(DeviceEvents.StreamOf(device.DeviceId), 0, [DeviceEvents.ToNew(paired)], device.CreatedAt, device.DeviceId, BusinessDate: null)
        {
            Linked = [new LinkedAppend(DeviceEvents.PairingCodeStreamOf(codeId), 1, [DeviceEvents.ToNew(new PairingCodeUsed(codeId, device.DeviceId))])],
        };
        return SettleNewDeviceAsync(append, new DeviceIdentity(device.DeviceId, device.Name, device.Role), tokenHash, e => e == paired, cancellationToken);
    }

    /// <summary>
    /// The code is not free: wrong, expired, used by another request, or used by this one (same code and key) whose
    /// answer was lost or was a 503. That one is answered again, its device's journal write finished first if it had
    /// not landed. Seals older than <see cref="PairingResends.Window"/> past their code's end are erased when a code is made.
    /// </summary>
    private async Task<PairingOutcome> ResendAsync(PairingClaim claim, CancellationToken cancellationToken)
    {
        if (claim.Resend is not { } resend)
        {
            return PairingOutcome.Invalid;
        }
        await using var cmd = Db.CreateCommand("""
            select c.code_id, c.created_by, c.used_key_hash, c.used_fingerprint, c.sealed_token,
                   d.device_id, d.name, d.role, d.token_hash, d.created_at, d.revoked_at is not null, d.journal_pending
            from pairing_codes c join devices d on d.device_id = c.used_by
            where c.code_hash = $1 and c.used_at is not null and c.sealed_token is not null and c.expires_at >= $2
            """);
        cmd.Parameters.AddWithValue(claim.CodeHash);
        cmd.Parameters.AddWithValue(claim.At.ToUniversalTime() - PairingResends.Window);
        Guid codeId;
        string createdBy;
        byte[] fingerprint, sealedToken, tokenHash;
        DeviceView device;
        bool revoked, pending;
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken) || !CryptographicOperations.FixedTimeEquals(reader.GetFieldValue<byte[]>(2), resend.KeyHash))
            {
                return PairingOutcome.Invalid; // used by another request (or none kept a key): a used code
            }
            codeId = reader.GetGuid(0);
            createdBy = reader.GetString(1);
            fingerprint = reader.GetFieldValue<byte[]>(3);
            sealedToken = reader.GetFieldValue<byte[]>(4);
            device = new DeviceView(reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(9));
            tokenHash = reader.GetFieldValue<byte[]>(8);
            revoked = reader.GetBoolean(10);
            pending = reader.GetBoolean(11);
        }
        if (!CryptographicOperations.FixedTimeEquals(fingerprint, resend.Fingerprint))
        {
            return new PairingOutcome(PairingVerdict.KeyReused);
        }
        if (revoked || (pending && !await SettlePairingAsync(device, codeId, createdBy, tokenHash, cancellationToken)))
        {
            return PairingOutcome.Invalid; // revoked since: its token is refused, as a used code is
        }
        return new PairingOutcome(PairingVerdict.Repeat, device, sealedToken, tokenHash);
    }
}
