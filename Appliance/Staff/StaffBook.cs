using Npgsql;
using Pos.Api.Staff;
using Pos.Appliance.Database;
using Pos.Contracts.Problems;
using Pos.Contracts.Staff;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Devices;
using Pos.Grains.Journal;

namespace Pos.Appliance.Staff;

/// <summary>
/// The store's people in the appliance's PostgreSQL (<see cref="IStaffBook"/>). The journal is the truth of who they
/// are (<see cref="StaffEvents"/>); a PIN's hash is a row of <c>employee_pins</c> for the stream version whose save set
/// it: written before that save is journaled, in force only once the journal holds that version, and every older row
/// of the person deleted then, so a changed PIN's old hash is gone (deactivation deletes them all: a person brought
/// back gets a new PIN, checked against everyone's). Changes to people are made one at a time (a store has tens of
/// people and changes them rarely): two managers saving one person, or two phones clocking one person in, are put in
/// order here, and the journal's expected version checks it. The roster in memory follows each journaled change.
/// </summary>
public sealed partial class StaffBook(
    PosDatabase database, IJournalStreams journal, StaffRoster roster, StaffSessionDirectory sessions, DeviceNames names, StoreClock clock)
    : IStaffBook
{
    private readonly SemaphoreSlim _changing = new(1, 1);

    /// <summary>How slow a new PIN's hash is.</summary>
    public PinHashCost Cost { get; set; } = PinHashCost.Default;

    private NpgsqlDataSource Db => database.DataSource;

    public Task<EmployeeOutcome> SaveAsync(EmployeeSave save, CommandContext context, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => SaveEmployeeAsync(save, context, cancellationToken), cancellationToken);

    private async Task<EmployeeOutcome> SaveEmployeeAsync(EmployeeSave save, CommandContext context, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(save.EmployeeId, cancellationToken);
        var needsPin = save.Active && save.Pin is null && current.PinVersion is null;
        if (needsPin)
        {
            return Refused(new CommandError(ErrorCodes.ValidationFailed, current.Exists
                ? "This employee was deactivated and has no PIN any more: give them a new one (pin) to bring them back."
                : "pin is required for a new employee: 4 to 8 digits.", "pin"));
        }
        if (current.Exists && save.Pin is null && current.Name == save.Name && current.Role == save.Role && current.Active == save.Active)
        {
            return new EmployeeOutcome(await InForceAsync(current, cancellationToken), null); // nothing to change: a repeat
        }
        if (save.Pin is { } pin && await roster.MatchAsync(pin, except: save.EmployeeId, cancellationToken) is not null)
        {
            // Said without naming whose it is; people sign in by PIN alone, so two may never share one.
            return Refused(new CommandError(ErrorCodes.PinTaken, "Another employee has this PIN; choose another.", "pin"));
        }
        var next = current.Version + 1;
        string? hash = null;
        if (save.Pin is { } newPin)
        {
            hash = PinHash.Of(newPin, Cost);
            await ExecuteAsync("delete from employee_pins where employee_id = $1 and version >= $2", [save.EmployeeId, next], cancellationToken);
            await ExecuteAsync("insert into employee_pins (employee_id, version, pin_hash, created_at) values ($1, $2, $3, $4)",
                [save.EmployeeId, next, hash, clock.Now().ToUniversalTime()], cancellationToken);
        }
        var saved = new EmployeeSaved(save.EmployeeId, save.Name, save.Role, save.Active, PinChanged: hash is not null);
        var now = clock.Now();
        var after = new Employee(save.EmployeeId, save.Name, save.Role, save.Active, null, next, now, current.OpenShift, current.ClockedInAt);
        if (await AppendAsync(current, saved, now, null, context, after.ToView(), cancellationToken) is { } refused)
        {
            return Refused(refused);
        }
        var fold = await ReadAsync(save.EmployeeId, cancellationToken);
        await ErasePinsBeforeAsync(fold, cancellationToken);
        if (!save.Active)
        {
            await EndSessionsOfAsync(save.EmployeeId, cancellationToken);
        }
        return new EmployeeOutcome(await InForceAsync(fold, cancellationToken), null);
    }

    public Task<EmployeeOutcome> DeactivateAsync(string employeeId, CommandContext context, CancellationToken cancellationToken) =>
        OneAtATimeAsync(async () =>
        {
            var current = await ReadAsync(employeeId, cancellationToken);
            if (!current.Exists)
            {
                return Refused(new CommandError(ErrorCodes.EmployeeNotFound, $"No employee '{employeeId}'; GET /api/v1/employees lists them."));
            }
            if (current.Active)
            {
                var deactivated = new EmployeeDeactivated(employeeId, current.Name!);
                if (await AppendAsync(current, deactivated, clock.Now(), null, context, null, cancellationToken) is { } refused)
                {
                    return Refused(refused);
                }
                current = await ReadAsync(employeeId, cancellationToken);
            }
            await ErasePinsBeforeAsync(current, cancellationToken);
            await EndSessionsOfAsync(employeeId, cancellationToken);
            return new EmployeeOutcome(await InForceAsync(current, cancellationToken), null);
        }, cancellationToken);

    private static EmployeeOutcome Refused(CommandError error) => new(null, error);

    /// <summary>Runs one change to the people at a time; a database away comes out as a 503.</summary>
    private async Task<T> OneAtATimeAsync<T>(Func<Task<T>> change, CancellationToken cancellationToken)
    {
        await _changing.WaitAsync(cancellationToken);
        try
        {
            return await DatabaseOutage.GuardAsync(change(), Db);
        }
        finally
        {
            _changing.Release();
        }
    }

    /// <summary>The employee as their journal stream has them (the truth, whatever memory holds after an unknown outcome).</summary>
    private async Task<EmployeeFold> ReadAsync(string employeeId, CancellationToken cancellationToken) =>
        EmployeeFold.Of(employeeId, await journal.ReadStreamAsync(StaffEvents.EmployeeStreamOf(employeeId), cancellationToken));

    /// <summary>The employee with the PIN hash in force, put in the roster (and their name where orders name people).</summary>
    private async Task<Employee> InForceAsync(EmployeeFold fold, CancellationToken cancellationToken)
    {
        string? hash = null;
        if (fold.PinVersion is { } version)
        {
            await using var cmd = Db.CreateCommand("select pin_hash from employee_pins where employee_id = $1 and version = $2");
            cmd.Parameters.AddWithValue(fold.EmployeeId);
            cmd.Parameters.AddWithValue(version);
            hash = await cmd.ExecuteScalarAsync(cancellationToken) as string;
        }
        var employee = fold.ToEmployee(hash);
        roster.Put(employee);
        names.KnowEmployee(employee.EmployeeId, employee.Name);
        return employee;
    }

    /// <summary>Deletes every PIN hash of the employee but the one in force (none for a deactivated one).</summary>
    private Task ErasePinsBeforeAsync(EmployeeFold fold, CancellationToken cancellationToken) =>
        ExecuteAsync("delete from employee_pins where employee_id = $1 and version is distinct from $2",
            [fold.EmployeeId, fold.PinVersion is { } v ? v : DBNull.Value], cancellationToken);

    private async Task<int> ExecuteAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var p in parameters)
        {
            cmd.Parameters.Add(p is DBNull ? new NpgsqlParameter { Value = p, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer } : new NpgsqlParameter { Value = p });
        }
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
