using Npgsql;
using Pos.Api.Staff;
using Pos.Appliance.Database;
using Pos.Contracts.Journal;
using Pos.Contracts.Staff;
using Pos.Grains.Clock;
using Pos.Grains.Devices;

namespace Pos.Appliance.Staff;

/// <summary>
/// Loads the store's people into memory once the database runs (registered after <see cref="DatabaseStartup"/>, before
/// the web server): every employee from their journal stream with the PIN hash in force, and the live staff sessions.
/// PIN hashes no longer in force (a change whose save never landed, an old PIN a failed erase left) are deleted here.
/// Until it is done, PINs and session tokens answer 503.
/// </summary>
public sealed class StaffStartup(PosDatabase database, StaffRoster roster, StaffSessionDirectory sessions, DeviceNames names, StoreClock clock)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var db = database.DataSource;
        var folds = new Dictionary<string, EmployeeFold>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand($"""
            select stream_id, stream_version, type, data::text, occurred_at from journal
            where stream_id like '{StaffEvents.EmployeeStreamPrefix}%' order by seq
            """))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(0)[StaffEvents.EmployeeStreamPrefix.Length..];
                if (!folds.TryGetValue(id, out var fold))
                {
                    folds[id] = fold = new EmployeeFold(id);
                }
                fold.Apply(new JournalEntry(0, Guid.Empty, reader.GetString(0), reader.GetInt32(1), reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(4), "", null, reader.GetString(3)));
            }
        }
        var inForce = folds.Values.Where(f => f.PinVersion is not null).ToList();
        await using (var erase = db.CreateCommand("""
            delete from employee_pins p
            where not exists (select 1 from unnest($1::text[], $2::int[]) as k(e, v) where k.e = p.employee_id and k.v = p.version)
            """))
        {
            erase.Parameters.Add(new NpgsqlParameter { Value = inForce.Select(f => f.EmployeeId).ToArray() });
            erase.Parameters.Add(new NpgsqlParameter { Value = inForce.Select(f => f.PinVersion!.Value).ToArray() });
            await erase.ExecuteNonQueryAsync(cancellationToken);
        }
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("select employee_id, pin_hash from employee_pins"))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                hashes[reader.GetString(0)] = reader.GetString(1);
            }
        }
        foreach (var fold in folds.Values.Where(f => f.Exists))
        {
            roster.Put(fold.ToEmployee(hashes.GetValueOrDefault(fold.EmployeeId)));
            names.KnowEmployee(fold.EmployeeId, fold.Name!);
        }
        await using (var cmd = db.CreateCommand(
            "select session_id, token_hash, employee_id, device_id, expires_at from staff_sessions where ended_at is null and expires_at > $1"))
        {
            cmd.Parameters.AddWithValue(clock.Now().ToUniversalTime());
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sessions.Admit(reader.GetFieldValue<byte[]>(1),
                    new StaffSession(reader.GetGuid(0), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }
        roster.MarkLoaded();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
