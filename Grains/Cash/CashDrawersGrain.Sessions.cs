using Pos.Contracts.Cash;
using Pos.Contracts.Problems;
using Pos.Grains.Commands;
using Pos.Grains.Journal;
using Pos.Grains.Printing;
using Pos.Grains.Printing.Documents;

namespace Pos.Grains.Cash;

/// <summary>Movements, the close, the no-sale kick and the lists of sessions (<see cref="CashDrawersGrain"/>).</summary>
public sealed partial class CashDrawersGrain
{
    public async Task<DrawerSessionResult> Move(MoveDrawerCash command, CommandContext context)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!_open.TryGetValue(command.SessionId, out var fold))
            {
                var closed = DrawerSessionFold.Of(await journal.ReadStreamAsync(CashEvents.SessionStreamOf(command.SessionId)));
                if (closed.Opened is null)
                {
                    return new DrawerSessionResult(null, NoSession(command.SessionId));
                }
                return closed.Movements.FirstOrDefault(m => m.MovementId == command.MovementId) is { } done && SameMovement(done, command)
                    ? new DrawerSessionResult(closed.ToView(), null)
                    : new DrawerSessionResult(closed.ToView(), new CommandError(ErrorCodes.DrawerSessionClosed,
                        $"Session {command.SessionId} was closed at {closed.Closed?.ClosedAt:u}; cash moves in an open session only.", "sessionId"));
            }
            if (fold.Movements.FirstOrDefault(m => m.MovementId == command.MovementId) is { } existing)
            {
                return SameMovement(existing, command)
                    ? new DrawerSessionResult(fold.ToView(), null)
                    : new DrawerSessionResult(fold.ToView(), new CommandError(ErrorCodes.MovementExists,
                        $"Movement {command.MovementId} was recorded already with other details; choose a new movementId.", "movementId"));
            }
            var now = clock.Now();
            var moved = new DrawerCashMoved(command.SessionId, command.MovementId, command.Kind, command.AmountMinor, command.Reason?.Trim(), now);
            var date = fold.BusinessDate ?? clock.BusinessDateOf(now);
            var error = await AppendToSessionAsync(fold, moved, now, date, context, linked: null, attempt);
            if (error?.Code == ErrorCodes.BusinessDaySealed)
            {
                // The session's date is sealed (it ran past the day's end): the movement counts for today's.
                error = await AppendToSessionAsync(fold, moved, now, clock.BusinessDateOf(now), context, linked: null, attempt);
            }
            if (error?.Code == Retry)
            {
                continue;
            }
            return error is null ? new DrawerSessionResult(fold.ToView(), null) : new DrawerSessionResult(fold.ToView(), error);
        }
    }

    public async Task<DrawerSessionResult> Close(Guid sessionId, long countedMinor, CommandContext context)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!_open.TryGetValue(sessionId, out var fold))
            {
                var closed = DrawerSessionFold.Of(await journal.ReadStreamAsync(CashEvents.SessionStreamOf(sessionId)));
                if (closed.Opened is null)
                {
                    return new DrawerSessionResult(null, NoSession(sessionId));
                }
                // Closing twice with the same count is a repeat (the first answer was lost); another count is refused.
                return closed.Closed?.CountedMinor == countedMinor
                    ? new DrawerSessionResult(closed.ToView(), null)
                    : new DrawerSessionResult(closed.ToView(), new CommandError(ErrorCodes.DrawerSessionClosed,
                        $"Session {sessionId} was closed already at {closed.Closed?.ClosedAt:u} with {closed.Closed?.CountedMinor} counted.", "sessionId"));
            }
            var now = clock.Now();
            var o = fold.Opened!;
            var expected = fold.Expected;
            var close = new DrawerSessionClosed(sessionId, o.DrawerId, o.EmployeeId, o.FloatMinor, fold.PayIns, fold.PayOuts, fold.CashSales,
                fold.CashTips, expected, countedMinor, checked(countedMinor - expected), now);
            var released = new LinkedAppend(CashEvents.DrawersStream, _version, [CashEvents.ToNew(new DrawerReleased(o.DrawerId, sessionId))]);
            var error = await AppendToSessionAsync(fold, close, now, fold.BusinessDate ?? clock.BusinessDateOf(now), context, released, attempt);
            if (error?.Code == ErrorCodes.BusinessDaySealed)
            {
                // As a clock-out: the session counts for the date it opened on, or for today's once that one is sealed.
                error = await AppendToSessionAsync(fold, close, now, clock.BusinessDateOf(now), context, released, attempt);
            }
            if (error?.Code == Retry)
            {
                continue;
            }
            if (error is not null)
            {
                return new DrawerSessionResult(fold.ToView(), error);
            }
            _version++;
            _open.Remove(sessionId);
            _holders.Remove(o.DrawerId);
            return new DrawerSessionResult(fold.ToView(), null);
        }
    }

    public async Task<DrawerKickResult> Kick(string drawerId, string reason, CommandContext context)
    {
        if (!_drawers.TryGetValue(drawerId, out var drawer))
        {
            return new DrawerKickResult(null, NoDrawer(drawerId));
        }
        var now = clock.Now();
        var kickId = Guid.CreateVersion7();
        var job = PrintJobQueued.Of(PrintDocument.KickOn(drawer.Pin), drawer.PrinterId, PrintJobQueued.DrawerKickReason);
        Guid? session = _holders.TryGetValue(drawerId, out var holder) ? holder : null;
        var kicked = new DrawerKicked(kickId, drawerId, drawer.PrinterId, drawer.Pin, reason.Trim(), session, job.JobId);
        var view = new DrawerKickView(kickId, drawerId, drawer.PrinterId, drawer.Pin, job.JobId, now);
        var append = new StreamAppend(CashEvents.KickStreamOf(kickId), 0, [CashEvents.ToNew(kicked)], now, context.DeviceId,
            clock.BusinessDateOf(now), context.ResponseFor(view, 1))
        {
            Linked = [new LinkedAppend(PrintingEvents.StreamOf(job.JobId), 0, [PrintingEvents.ToNew(job)])],
        }.By(context);
        var result = await journal.AppendAsync(append);
        if (result.Refusal() is { } refused)
        {
            return new DrawerKickResult(null, refused);
        }
        if (result.Outcome != AppendOutcome.Appended)
        {
            return new DrawerKickResult(null, new CommandError(ErrorCodes.VersionMismatch, "The no-sale could not be recorded; send it again."));
        }
        await GrainFactory.GetGrain<IPrinterGrain>(drawer.PrinterId).Accept(job, result.FirstSeq + 1, now);
        return new DrawerKickResult(view, null);
    }

    public async Task<DrawerSessionView?> Get(Guid sessionId)
    {
        if (_open.TryGetValue(sessionId, out var open))
        {
            return open.ToView();
        }
        var fold = DrawerSessionFold.Of(await journal.ReadStreamAsync(CashEvents.SessionStreamOf(sessionId)));
        return fold.Opened is null ? null : fold.ToView();
    }

    public async Task<IReadOnlyList<DrawerSessionView>> Sessions(bool? open, DateOnly? businessDate)
    {
        var sessions = new List<DrawerSessionView>();
        if (open is null or true)
        {
            sessions.AddRange(_open.Values.Where(f => businessDate is null || f.BusinessDate == businessDate).Select(f => f.ToView()));
        }
        if (open is null or false)
        {
            var folds = new Dictionary<string, DrawerSessionFold>(StringComparer.Ordinal);
            foreach (var entry in await journal.ReadBusinessDateAsync(businessDate ?? clock.Today()))
            {
                if (entry.StreamId.StartsWith(CashEvents.SessionStreamPrefix, StringComparison.Ordinal))
                {
                    if (!folds.TryGetValue(entry.StreamId, out var fold))
                    {
                        folds[entry.StreamId] = fold = new DrawerSessionFold();
                    }
                    fold.Apply(entry);
                }
            }
            sessions.AddRange(folds.Values.Where(f => f.Closed is not null).Select(f => f.ToView()));
        }
        return [.. sessions.OrderBy(s => s.OpenedAt).ThenBy(s => s.SessionId)];
    }

    /// <summary>Appends one event to an open session at the version the grain holds, applying it once it landed.</summary>
    private async Task<CommandError?> AppendToSessionAsync(
        DrawerSessionFold fold, CashEvent e, DateTimeOffset now, DateOnly date, CommandContext context, LinkedAppend? linked, int attempt)
    {
        var after = fold.Version + 1;
        var preview = Preview(fold, e, after, date);
        var append = new StreamAppend(CashEvents.SessionStreamOf(fold.Opened!.SessionId), fold.Version, [CashEvents.ToNew(e)], now,
            context.DeviceId, date, context.ResponseFor(preview, after))
        {
            Linked = linked is null ? [] : [linked],
        }.By(context);
        if (await AppendAsync(append, attempt) is { } error)
        {
            return error;
        }
        fold.Apply(e, after, date);
        return null;
    }

    /// <summary>The session's answer once <paramref name="e"/> is applied, kept under the command's key before it is.</summary>
    private static DrawerSessionView Preview(DrawerSessionFold fold, CashEvent e, int version, DateOnly date)
    {
        var view = fold.ToView();
        return e switch
        {
            DrawerCashMoved m => view with
            {
                PayInsMinor = view.PayInsMinor + (m.Kind == CashEvents.PayIn ? m.AmountMinor : 0),
                PayOutsMinor = view.PayOutsMinor + (m.Kind == CashEvents.PayOut ? m.AmountMinor : 0),
                ExpectedMinor = view.ExpectedMinor + (m.Kind == CashEvents.PayIn ? m.AmountMinor : -m.AmountMinor),
                Movements = [.. view.Movements, new DrawerMovementView(m.MovementId, m.Kind, m.AmountMinor, m.Reason, m.At)],
                Version = version,
            },
            DrawerSessionClosed c => view with
            {
                Status = CashLimits.Closed, ClosedAt = c.ClosedAt, CountedMinor = c.CountedMinor, OverShortMinor = c.OverShortMinor,
                ExpectedMinor = c.ExpectedMinor, Version = version, BusinessDate = view.BusinessDate ?? date,
            },
            _ => view,
        };
    }

    private static bool SameMovement(DrawerMovementView done, MoveDrawerCash command) =>
        done.Kind == command.Kind && done.AmountMinor == command.AmountMinor && done.Reason == command.Reason?.Trim();

    private static CommandError NoSession(Guid sessionId) => new(ErrorCodes.DrawerSessionNotFound,
        $"No drawer session {sessionId}; POST /api/v1/drawers/{{drawerId}}/sessions opens one.", "sessionId");
}
