using System.Globalization;
using Microsoft.Extensions.Logging;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Devices;
using Pos.Grains.Journal;
using Pos.Grains.Menu;
using Pos.Grains.Printing;

namespace Pos.Grains.Orders;

/// <summary>An order rebuilt from its own journal stream on activation.</summary>
public sealed partial class OrderGrain(
    IJournalStreams journal, StoreClock clock, MenuCatalog catalog, PrinterCatalog printers, DeviceNames devices,
    AvailabilityCatalog availability, ILogger<OrderGrain> logger) : Grain, IOrderGrain
{
    private const int MaxOrderAttempts = 3;

    /// <summary>
    /// Decide answers this (never seen outside the grain) when the order's stream or the availability stream moved
    /// on under the decision: the caller decides again on the state as it now is.
    /// </summary>
    private static readonly OrderResult DecideAgain = new(null, null, CommandOutcome.Conflict);

    private OrderState _state = new();
    private OrderWriters _writers = new();

    private Guid OrderId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var entries = await journal.ReadStreamAsync(OrderEvents.StreamOf(OrderId), cancellationToken);
        _state = OrderState.From(entries.Select(e => OrderEvents.FromJournal(e.Type, e.Data)));
        _writers = new OrderWriters();
        foreach (var entry in entries)
        {
            _writers.Add(entry.DeviceId, entry.EmployeeId);
        }
    }

    public Task<OrderView?> Get() => Task.FromResult(Current());

    public async Task<OrderView?> GetAt(int version)
    {
        if (version == _state.Version)
        {
            return Current();
        }
        if (version < 1 || version > _state.Version)
        {
            return null;
        }
        var entries = await journal.ReadStreamAsync(OrderEvents.StreamOf(OrderId));
        var then = OrderState.From(entries.Take(version).Select(e => OrderEvents.FromJournal(e.Type, e.Data)));
        return then.Exists ? then.ToView(devices.OpenerOf(entries[0].DeviceId, entries[0].EmployeeId)) : null;
    }

    public async Task<OrderResult> Open(OpenOrder command, CommandContext context)
    {
        if ((OrderCommandRules.Check(command) ?? CheckKey(command.OrderId)) is { } invalid)
        {
            return new OrderResult(null, invalid, CommandOutcome.Rejected);
        }
        if (_state.Exists)
        {
            return await Decide(() => OrderDecisions.Open(_state, command, 0, default, default, ""), context);
        }
        var now = clock.Now();
        var date = clock.BusinessDateOf(now);
        var menu = await CurrentMenu();
        var number = await GrainFactory
            .GetGrain<IOrderNumberGrain>(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Next();
        return await Decide(() => OrderDecisions.Open(_state, command, number, date, now, menu?.Currency ?? ""), context);
    }

    public Task<OrderResult> Fire(CommandContext context) => Decide(() => OrderDecisions.Fire(_state, clock.Now()), context);

    public Task<OrderResult> FireCourse(FireOrder command, CommandContext context) =>
        OrderCommandRules.Check(command) is { } invalid
            ? Task.FromResult(new OrderResult(null, invalid, CommandOutcome.Rejected))
            : Decide(() => OrderDecisions.Fire(_state, clock.Now(), command.Course), context);

    public Task<OrderResult> AddPayment(AddPayment command, CommandContext context) =>
        OrderCommandRules.Check(command) is { } invalid
            ? Task.FromResult(new OrderResult(null, invalid, CommandOutcome.Rejected))
            : Decide(() => OrderDecisions.AddPayment(_state, command, context.EmployeeId), context);

    public Task<OrderResult> Close(CommandContext context) => Decide(() => OrderDecisions.Close(_state, clock.Now()), context);

    /// <summary>The menu from the in-memory catalog; the first call after start activates the menu grain to fill it.</summary>
    private async ValueTask<MenuView?> CurrentMenu() =>
        catalog.Current ?? await GrainFactory.GetGrain<IMenuGrain>(MenuGrainKey.Store).Get();

    private async ValueTask<PrinterSet> CurrentPrinters() =>
        printers.Current ?? await GrainFactory.GetGrain<IPrinterDirectoryGrain>(IPrinterDirectoryGrain.Key).List();

    private CommandError? CheckKey(Guid orderId) => orderId == OrderId
        ? null
        : new CommandError(ErrorCodes.ValidationFailed, "orderId does not match the order addressed.", "orderId");

    /// <summary>
    /// Decides a command on the order as the grain holds it and applies it. A command sent without If-Match whose
    /// append finds the order's stream moved on (a command across orders, <see cref="ICheckMovesGrain"/>, wrote to
    /// it meanwhile) is decided again on the order as the journal now has it, so it lands on the new order or is
    /// refused for what the order has become (closed by a merge, say) rather than answered version-mismatch.
    /// </summary>
    private async Task<OrderResult> Decide(Func<Decision> decide, CommandContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await Decide(decide(), context);
            if (!ReferenceEquals(result, DecideAgain))
            {
                return result;
            }
            if (attempt >= MaxOrderAttempts)
            {
                return new OrderResult(Current(), new CommandError(ErrorCodes.VersionMismatch,
                    "The order kept changing while this command was decided; nothing was written. Send it again."), CommandOutcome.Conflict);
            }
        }
    }

    /// <summary>
    /// Applies a decision under the merge rules of docs/CONFLICTS.md: a command whose effect is already there is a
    /// duplicate (even with a stale If-Match, so a retry gets the first result); otherwise a stale If-Match is a
    /// 412 conflict; a refusal is a conflict or a rejection as the decision says; events written are applied, or
    /// merged when another device changed the order since this device last did.
    /// </summary>
    private async Task<OrderResult> Decide(Decision decision, CommandContext context, int attempt = 0, CountChange? count = null)
    {
        if (decision.Error is null && decision.Events.Count == 0)
        {
            return new OrderResult(Current(), null, CommandOutcome.Duplicate);
        }
        if (_state.Exists && context.ExpectedVersion is { } expected && expected != _state.Version)
        {
            return new OrderResult(Current(), new CommandError(ErrorCodes.VersionMismatch,
                $"The order is at version {_state.Version}, not {expected}; fetch it and decide again."), CommandOutcome.Conflict);
        }
        if (decision.Error is { } error)
        {
            return new OrderResult(Current(), error, decision.IsConflict ? CommandOutcome.Conflict : CommandOutcome.Rejected);
        }
        // A command that passed If-Match was made on the order as it stands; otherwise the device's own last
        // change is the latest version we know it saw.
        var merged = context.ExpectedVersion is null && _writers.ChangedByOthersSinceLastWriteOf(context.DeviceId);

        // A cash payment by a person with a drawer session open goes into that drawer, which it kicks.
        var cash = await CashOf(decision.Events, context);
        var events = cash?.Into(decision.Events) ?? decision.Events;
        var next = _state.Clone();
        foreach (var e in events)
        {
            next.Apply(e);
        }
        // The order being opened is opened by this command's device.
        var view = next.ToView(_writers.Opener is { } opener
            ? devices.OpenerOf(opener, _writers.OpeningEmployee)
            : devices.OpenerOf(context.DeviceId, context.EmployeeId));
        // Tickets are queued in the same transaction: if the fire committed, its print jobs exist.
        var jobs = PrintRouting.Prints(events)
            ? PrintRouting.JobsFor(_state, events, await CurrentPrinters(), context.DeviceId, clock.Now())
            : [];
        var append = new StreamAppend(
            OrderEvents.StreamOf(OrderId), _state.Version, [.. events.Select(OrderEvents.ToNew)],
            clock.Now(), context.DeviceId, CountsFor(events, view.BusinessDate),
            context.AnswerAt(view.Version, merged ? CommandOutcome.Merged : CommandOutcome.Applied))
        {
            // The drawer's links come after the tickets': their seqs follow in this order.
            Linked =
            [
                .. jobs.Select(j => new LinkedAppend(PrintingEvents.StreamOf(j.JobId), 0, [PrintingEvents.ToNew(j)])),
                .. cash?.Links() ?? [],
                .. count?.Links() ?? [],
            ],
            IssuedAt = context.IssuedAt,
        }.By(context);

        // If the commit's outcome is unknown, the grain rebuilds from the journal before its next command.
        var result = await journal.AppendOrReloadAsync(append, DeactivateOnIdle);
        if (result.Refusal() is { } refused)
        {
            return new OrderResult(Current(), refused, CommandOutcome.Rejected);
        }
        if (result.Outcome == AppendOutcome.DaySealed)
        {
            return new OrderResult(Current(), new CommandError(ErrorCodes.BusinessDaySealed,
                $"Business date {append.BusinessDate:yyyy-MM-dd} is over and its sales are final; open a new order."), CommandOutcome.Conflict);
        }
        if (result.Outcome == AppendOutcome.VersionConflict && cash is not null && attempt < 2 && await OnlyTheDrawerMovedAsync(cash))
        {
            // The drawer's session moved on (a pay-in, another payment, its close) while the order did not: decide again.
            return await Decide(decision, context, attempt + 1);
        }
        if (result.Outcome == AppendOutcome.VersionConflict && count is not null && await OrderUnmovedAsync())
        {
            // Only the availability stream moved on (another line took from the count, a person set it): decide again.
            return DecideAgain;
        }
        if (result.Outcome == AppendOutcome.VersionConflict && context.ExpectedVersion is null)
        {
            // The order's stream moved on under the grain (a command across orders wrote to it): read it again.
            await OnActivateAsync(CancellationToken.None);
            return DecideAgain;
        }
        if (result.Outcome != AppendOutcome.Appended)
        {
            return new OrderResult(Current(), new CommandError(ErrorCodes.VersionMismatch,
                "The order changed meanwhile; fetch it and send the command again."), CommandOutcome.Conflict);
        }
        _state = next;
        foreach (var _ in events)
        {
            _writers.Add(context.DeviceId, context.EmployeeId);
        }
        LogFiredIfSo(events, view, jobs);
        // The jobs' events follow the order's own in the journal, in this order.
        var jobSeq = result.FirstSeq + events.Count;
        foreach (var job in jobs)
        {
            await GrainFactory.GetGrain<IPrinterGrain>(job.PrinterId).Accept(job, jobSeq++, append.OccurredAt);
        }
        if (cash is not null)
        {
            await CashCommittedAsync(cash, jobSeq, append.OccurredAt);
        }
        if (count is not null)
        {
            await GrainFactory.GetGrain<IAvailabilityGrain>(IAvailabilityGrain.Key).Changed(count.Change, count.Version + 1);
        }
        if (_state.IsClosed)
        {
            // A closed order is seldom touched again: it leaves memory once this command is answered (a later command
            // or read rebuilds it from its stream) instead of staying for the silo's collection age, which held every
            // order closed in the last 30 minutes (the soak's steady memory growth, docs/BENCHMARKS.md).
            DeactivateOnIdle();
        }
        return new OrderResult(view, null, merged ? CommandOutcome.Merged : CommandOutcome.Applied);
    }

    private OrderView? Current() => _state.Exists
        ? _state.ToView(devices.OpenerOf(
            _writers.Opener ?? throw new InvalidOperationException("An opened order has no writer of its version 1."), _writers.OpeningEmployee))
        : null;
}
