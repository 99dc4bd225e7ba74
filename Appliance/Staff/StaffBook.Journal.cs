using Pos.Api.Staff;
using Pos.Appliance.Database;
using Pos.Contracts.Problems;
using Pos.Contracts.Staff;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Appliance.Staff;

/// <summary>Journaling the people's events (<see cref="StaffBook"/>): employees' streams, sessions, refused PINs.</summary>
public sealed partial class StaffBook
{
    /// <summary>
    /// Appends one event to the employee's stream at the version read, with the command's people and the answer to keep
    /// under its key; the refusal to answer when it did not land (a date sealed, data refused, the stream moved on).
    /// </summary>
    private async Task<CommandError?> AppendAsync(
        EmployeeFold current, StaffEvent e, DateTimeOffset now, DateOnly? businessDate, CommandContext context, object? answer,
        CancellationToken cancellationToken)
    {
        var next = current.Version + 1;
        var kept = answer is null
            ? context.Idempotency is { } key ? new KeptAnswer(key.Key, key.Fingerprint, "", null, CommandOutcome.Applied.Name()) : null
            : context.ResponseFor(answer, next, CommandOutcome.Applied);
        var append = new StreamAppend(
            StaffEvents.EmployeeStreamOf(current.EmployeeId), current.Version, [StaffEvents.ToNew(e)], now, context.DeviceId, businessDate, kept)
            .By(context);
        var result = await journal.AppendAsync(append, cancellationToken);
        return result.Outcome switch
        {
            AppendOutcome.Appended => null,
            AppendOutcome.DaySealed => new CommandError(ErrorCodes.BusinessDaySealed, $"Business date {businessDate:yyyy-MM-dd} is over."),
            AppendOutcome.Refused => result.Refusal(),
            _ => new CommandError(ErrorCodes.VersionMismatch, "The employee changed meanwhile; send the request again."),
        };
    }

    public Task<StaffSessionStarted> StartSessionAsync(Employee employee, string deviceId, CancellationToken cancellationToken) =>
        DatabaseOutage.GuardAsync(StartAsync(employee, deviceId, cancellationToken), Db);

    private async Task<StaffSessionStarted> StartAsync(Employee employee, string deviceId, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var session = new StaffSession(Guid.CreateVersion7(), employee.EmployeeId, deviceId, now + SessionLength);
        var token = StaffSessionDirectory.NewToken();
        var tokenHash = StaffSessionDirectory.HashOf(token);
        // Journaled first: a session the journal does not hold is never given out. If the row cannot be written after,
        // the answer is a 503 and the token was never seen: the journal says someone signed in who never used it.
        await AppendNewAsync(StaffEvents.SessionStreamOf(session.SessionId),
            new StaffSignedIn(session.SessionId, employee.EmployeeId, deviceId, session.ExpiresAt), now, deviceId, employee.EmployeeId, cancellationToken);
        await ExecuteAsync("""
            insert into staff_sessions (session_id, token_hash, employee_id, device_id, started_at, expires_at) values ($1, $2, $3, $4, $5, $6)
            """, [session.SessionId, tokenHash, employee.EmployeeId, deviceId, now.ToUniversalTime(), session.ExpiresAt.ToUniversalTime()], cancellationToken);
        sessions.Admit(tokenHash, session);
        return new StaffSessionStarted(token, employee.EmployeeId, employee.Name, employee.Role, session.ExpiresAt, employee.ClockedInAt);
    }

    public Task EndSessionAsync(StaffSession session, CancellationToken cancellationToken) =>
        DatabaseOutage.GuardAsync(EndAsync(session, cancellationToken), Db);

    private async Task EndAsync(StaffSession session, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        var append = new StreamAppend(StaffEvents.SessionStreamOf(session.SessionId), 1,
            [StaffEvents.ToNew(new StaffSignedOut(session.SessionId, session.EmployeeId))], now, session.DeviceId, BusinessDate: null)
        {
            EmployeeId = session.EmployeeId,
        };
        var result = await journal.AppendAsync(append, cancellationToken);
        // A second sign-out of the same session (two taps) finds the stream moved on: it ended already.
        if (result.Outcome is not (AppendOutcome.Appended or AppendOutcome.VersionConflict))
        {
            throw new InvalidOperationException($"The journal did not take the sign-out of session {session.SessionId}: {result.Outcome} {result.Reason}");
        }
        sessions.End(session.SessionId);
        await ExecuteAsync("update staff_sessions set ended_at = $2 where session_id = $1 and ended_at is null",
            [session.SessionId, now.ToUniversalTime()], cancellationToken);
    }

    /// <summary>A deactivated person's sessions end: refused from now on (the roster says they are inactive), and their rows say so.</summary>
    private async Task EndSessionsOfAsync(string employeeId, CancellationToken cancellationToken)
    {
        sessions.EndAllOf(employeeId);
        await ExecuteAsync("update staff_sessions set ended_at = $2 where employee_id = $1 and ended_at is null",
            [employeeId, clock.Now().ToUniversalTime()], cancellationToken);
    }

    public Task RecordRefusalAsync(PinRefused refusal, string deviceId, string? requester, CancellationToken cancellationToken) =>
        DatabaseOutage.GuardAsync(AppendNewAsync(StaffEvents.PinRefusalStreamOf(Guid.CreateVersion7()), refusal, clock.Now(), deviceId, requester, cancellationToken), Db);

    /// <summary>One event that starts a stream of its own.</summary>
    private async Task AppendNewAsync(string streamId, StaffEvent e, DateTimeOffset now, string deviceId, string? employeeId, CancellationToken cancellationToken)
    {
        var append = new StreamAppend(streamId, 0, [StaffEvents.ToNew(e)], now, deviceId, BusinessDate: null) { EmployeeId = employeeId };
        var result = await journal.AppendAsync(append, cancellationToken);
        if (result.Outcome != AppendOutcome.Appended)
        {
            throw new InvalidOperationException($"The journal did not take the {e.GetType().Name} event of {streamId}: {result.Outcome} {result.Reason}");
        }
    }
}
