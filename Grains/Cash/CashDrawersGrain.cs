using Pos.Contracts.Cash;
using Pos.Contracts.Problems;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Journal;
using Pos.Grains.Printing;

namespace Pos.Grains.Cash;

/// <summary>
/// The store's drawers (<see cref="ICashDrawersGrain"/>), rebuilt on activation from the <c>drawers</c> stream (their
/// configuration, and which session holds each) and the streams of the sessions open. Decisions are made one at a
/// time on that state; each append names the versions it was made on, so a change the grain has not seen yet (a
/// cash payment's DrawerCashTaken in a session) makes it read the journal again and decide once more.
/// </summary>
public sealed partial class CashDrawersGrain(IJournal journal, StoreClock clock, PrinterCatalog printers) : Grain, ICashDrawersGrain
{
    private const int Attempts = 3;

    private readonly SortedDictionary<string, DrawerConfigured> _drawers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _holders = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, DrawerSessionFold> _open = [];
    private int _version;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        _drawers.Clear();
        _holders.Clear();
        _open.Clear();
        var entries = await journal.ReadStreamAsync(CashEvents.DrawersStream, cancellationToken);
        foreach (var entry in entries)
        {
            switch (CashEvents.FromJournal(entry.Type, entry.Data))
            {
                case DrawerConfigured configured:
                    _drawers[configured.DrawerId] = configured;
                    break;
                case DrawerAssigned assigned:
                    _holders[assigned.DrawerId] = assigned.SessionId;
                    break;
                case DrawerReleased released when _holders.GetValueOrDefault(released.DrawerId) == released.SessionId:
                    _holders.Remove(released.DrawerId);
                    break;
            }
        }
        _version = entries.Count;
        foreach (var sessionId in _holders.Values)
        {
            var fold = DrawerSessionFold.Of(await journal.ReadStreamAsync(CashEvents.SessionStreamOf(sessionId), cancellationToken));
            if (fold.IsOpen)
            {
                _open[sessionId] = fold;
            }
        }
    }

    public Task<DrawerList> List() => Task.FromResult(new DrawerList([.. _drawers.Values.Select(ViewOf)]));

    public async Task<DrawerResult> Configure(DrawerSetup drawer, CommandContext context)
    {
        var set = printers.Current ?? await GrainFactory.GetGrain<IPrinterDirectoryGrain>(IPrinterDirectoryGrain.Key).List();
        if (set.Find(drawer.PrinterId) is null)
        {
            return new DrawerResult(null, new CommandError(ErrorCodes.UnknownPrinter,
                $"No printer '{drawer.PrinterId}': PUT /api/v1/printers/{drawer.PrinterId} adds the receipt printer the drawer hangs on first.", "printerId"));
        }
        var configured = new DrawerConfigured(drawer.DrawerId, drawer.Name.Trim(), drawer.PrinterId, drawer.Pin);
        for (var attempt = 0; ; attempt++)
        {
            if (_drawers.GetValueOrDefault(drawer.DrawerId) == configured)
            {
                return new DrawerResult(ViewOf(configured), null);
            }
            var view = ViewOf(configured);
            var append = new StreamAppend(CashEvents.DrawersStream, _version, [CashEvents.ToNew(configured)], clock.Now(), context.DeviceId,
                BusinessDate: null, context.ResponseFor(view, _version + 1)).By(context);
            if (await AppendAsync(append, attempt) is { } error)
            {
                if (error.Code == Retry)
                {
                    continue;
                }
                return new DrawerResult(null, error);
            }
            _version++;
            _drawers[drawer.DrawerId] = configured;
            return new DrawerResult(view, null);
        }
    }

    public async Task<DrawerSessionResult> Open(OpenDrawerSession command, CommandContext context)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (_open.TryGetValue(command.SessionId, out var open))
            {
                return SameOpening(open, command) ? new DrawerSessionResult(open.ToView(), null) : Exists(command.SessionId);
            }
            if (!_drawers.TryGetValue(command.DrawerId, out var drawer))
            {
                return new DrawerSessionResult(null, NoDrawer(command.DrawerId));
            }
            var earlier = DrawerSessionFold.Of(await journal.ReadStreamAsync(CashEvents.SessionStreamOf(command.SessionId)));
            if (earlier.Opened is not null)
            {
                return SameOpening(earlier, command) ? new DrawerSessionResult(earlier.ToView(), null) : Exists(command.SessionId);
            }
            if (_holders.TryGetValue(drawer.DrawerId, out var holder) && _open.TryGetValue(holder, out var held))
            {
                return new DrawerSessionResult(held.ToView(), new CommandError(ErrorCodes.DrawerInUse,
                    $"Drawer '{drawer.DrawerId}' is in use: {held.Opened!.EmployeeName}'s session has been open since {held.Opened.OpenedAt:u}. " +
                    "It is counted and closed before another session opens on it.", "drawerId"));
            }
            if (_open.Values.FirstOrDefault(f => f.Opened!.EmployeeId == command.EmployeeId) is { } theirs)
            {
                return new DrawerSessionResult(theirs.ToView(), new CommandError(ErrorCodes.DrawerSessionOpen,
                    $"{theirs.Opened!.EmployeeName} has a session open on drawer '{theirs.Opened.DrawerId}' already; a person holds one drawer at a time.",
                    "employeeId"));
            }
            var now = clock.Now();
            var date = clock.BusinessDateOf(now);
            var opened = new DrawerSessionOpened(command.SessionId, drawer.DrawerId, command.EmployeeId, command.EmployeeName, command.FloatMinor, now);
            var fold = new DrawerSessionFold();
            fold.Apply(opened, 1, date);
            var view = fold.ToView();
            var append = new StreamAppend(CashEvents.SessionStreamOf(command.SessionId), 0, [CashEvents.ToNew(opened)], now, context.DeviceId,
                date, context.ResponseFor(view, 1))
            {
                Linked = [new LinkedAppend(CashEvents.DrawersStream, _version,
                    [CashEvents.ToNew(new DrawerAssigned(drawer.DrawerId, command.SessionId, command.EmployeeId))])],
            }.By(context);
            if (await AppendAsync(append, attempt) is { } error)
            {
                if (error.Code == Retry)
                {
                    continue;
                }
                return new DrawerSessionResult(null, error);
            }
            _version++;
            _holders[drawer.DrawerId] = command.SessionId;
            _open[command.SessionId] = fold;
            return new DrawerSessionResult(view, null, Created: true);
        }
    }

    public Task<CashTill?> TillOf(string employeeId)
    {
        var fold = _open.Values.FirstOrDefault(f => f.Opened!.EmployeeId == employeeId);
        return Task.FromResult(fold is not null && _drawers.TryGetValue(fold.Opened!.DrawerId, out var drawer)
            ? new CashTill(fold.Opened.SessionId, fold.Version, drawer.DrawerId, drawer.PrinterId, drawer.Pin)
            : null);
    }

    public async Task CashTaken(DrawerCashTaken taken, int version)
    {
        if (_open.TryGetValue(taken.SessionId, out var fold) && fold.Version + 1 == version)
        {
            fold.Apply(taken, version, null);
            return;
        }
        await Reload(taken.SessionId);
    }

    public async Task Reload(Guid sessionId)
    {
        var fold = DrawerSessionFold.Of(await journal.ReadStreamAsync(CashEvents.SessionStreamOf(sessionId)));
        if (fold.IsOpen && _holders.GetValueOrDefault(fold.Opened!.DrawerId) == sessionId)
        {
            _open[sessionId] = fold;
        }
    }

    private DrawerView ViewOf(DrawerConfigured drawer) => new(drawer.DrawerId, drawer.Name, drawer.PrinterId, drawer.Pin,
        _holders.TryGetValue(drawer.DrawerId, out var holder) && _open.TryGetValue(holder, out var fold) ? fold.ToView() : null);

    private static bool SameOpening(DrawerSessionFold fold, OpenDrawerSession command) =>
        fold.Opened!.DrawerId == command.DrawerId && fold.Opened.EmployeeId == command.EmployeeId && fold.Opened.FloatMinor == command.FloatMinor;

    private static DrawerSessionResult Exists(Guid sessionId) => new(null, new CommandError(ErrorCodes.DrawerSessionExists,
        $"Session {sessionId} was opened already with other details (drawer, person or float); choose a new sessionId.", "sessionId"));

    private static CommandError NoDrawer(string drawerId) =>
        new(ErrorCodes.DrawerNotFound, $"No drawer '{drawerId}'; PUT /api/v1/drawers/{drawerId} adds it (a manager).", "drawerId");

    // A private code: the append met a version the grain had not seen; the grain has read the journal again.
    private const string Retry = "retry";

    /// <summary>
    /// Appends; null when it landed. When the journal had moved on (a cash payment in a session, a change the grain
    /// missed after an unknown outcome), reads everything again and says <see cref="Retry"/> for the first attempts.
    /// </summary>
    private async Task<CommandError?> AppendAsync(StreamAppend append, int attempt)
    {
        AppendResult result;
        try
        {
            result = await journal.AppendAsync(append);
        }
        catch
        {
            // The outcome is unknown: the next command starts from the journal.
            DeactivateOnIdle();
            throw;
        }
        switch (result.Outcome)
        {
            case AppendOutcome.Appended:
                return null;
            case AppendOutcome.Refused:
                return result.Refusal();
            case AppendOutcome.DaySealed:
                return new CommandError(ErrorCodes.BusinessDaySealed, $"Business date {append.BusinessDate:yyyy-MM-dd} is over and its figures are final.");
            default:
                await LoadAsync();
                return attempt + 1 < Attempts
                    ? new CommandError(Retry, "")
                    : new CommandError(ErrorCodes.VersionMismatch, "The drawers changed meanwhile; send the request again.");
        }
    }
}
