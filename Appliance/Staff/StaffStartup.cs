using Npgsql;
using Pos.Api.Staff;
using Pos.Api.Telemetry;
using Pos.Appliance.Database;
using Pos.Appliance.Journal;
using Pos.Contracts.Journal;
using Pos.Contracts.Staff;
using Pos.Grains.Clock;
using Pos.Grains.Devices;

namespace Pos.Appliance.Staff;

/// <summary>
/// Loads the store's people into memory once the database runs (registered after <see cref="DatabaseStartup"/>, before
/// the web server): every employee from their journal stream with the PIN hash in force, and the live staff sessions.
/// PIN hashes no longer in force (a change whose save never landed, an old PIN a failed erase left) are deleted here.
/// Until it is done, PINs and session tokens answer 503. Each time the journal's writer is back after an outage the
/// people are read again: a change whose append had an unknown outcome (answered 503, perhaps committed, and a keyed
/// resend then answered from the kept answer) takes effect in memory then, not at the next restart.
/// </summary>
public sealed partial class StaffStartup(
    PosDatabase database, JournalWriter writer, StaffRoster roster, StaffSessionDirectory sessions, DeviceNames names, StoreClock clock,
    ILogger<StaffStartup> logger) : IHostedService
{
    private readonly SemaphoreSlim _loading = new(1, 1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(atStart: true, cancellationToken);
        roster.MarkLoaded();
        writer.Reconnected += SettleSoon;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        writer.Reconnected -= SettleSoon;
        return Task.CompletedTask;
    }

    private void SettleSoon() => _ = Task.Run(async () =>
    {
        try
        {
            await LoadAsync(atStart: false, CancellationToken.None);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            LogSettleFailed(logger, e.GetType().Name);
        }
        catch (Exception e)
        {
            // A bug: said with its stack and counted, never lost in a task nobody awaits.
            ApiTelemetry.RecordUnexpected("staff-settling");
            LogSettleBug(logger, e);
        }
    });

    /// <summary>
    /// Reads every employee's stream and the PIN hashes in force into the roster, and the live sessions. At start the
    /// hashes no longer in force are erased; after an outage they are left (a change may be writing its new hash ahead of
    /// its event right then) and each employee takes the hash of the version its stream says, never an older version
    /// than the roster holds.
    /// </summary>
    private async Task LoadAsync(bool atStart, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            await ReadAsync(atStart, cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task ReadAsync(bool atStart, CancellationToken cancellationToken)
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
        if (atStart)
        {
        await using (var erase = db.CreateCommand("""
            delete from employee_pins p
            where not exists (select 1 from unnest($1::text[], $2::int[]) as k(e, v) where k.e = p.employee_id and k.v = p.version)
            """))
        {
            erase.Parameters.Add(new NpgsqlParameter { Value = inForce.Select(f => f.EmployeeId).ToArray() });
            erase.Parameters.Add(new NpgsqlParameter { Value = inForce.Select(f => f.PinVersion!.Value).ToArray() });
            await erase.ExecuteNonQueryAsync(cancellationToken);
        }
        }
        var hashes = new Dictionary<(string, int), string>();
        await using (var cmd = db.CreateCommand("select employee_id, version, pin_hash from employee_pins"))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                hashes[(reader.GetString(0), reader.GetInt32(1))] = reader.GetString(2);
            }
        }
        foreach (var fold in folds.Values.Where(f => f.Exists))
        {
            if (roster.Find(fold.EmployeeId) is { } held && held.Version > fold.Version)
            {
                continue; // a change landed after this read: the roster is ahead already
            }
            var hash = fold.PinVersion is { } version ? hashes.GetValueOrDefault((fold.EmployeeId, version)) : null;
            roster.Put(fold.ToEmployee(hash));
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
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The people could not be read again after the database's return ({Reason}); they are at the next return or start.")]
    private static partial void LogSettleFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the people again after the database's return failed")]
    private static partial void LogSettleBug(ILogger logger, Exception exception);
}
