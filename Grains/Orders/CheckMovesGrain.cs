using System.Globalization;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Grains.Orders;

/// <summary>
/// The protocol of a command across orders. No grain is locked and no order grain is called while deciding, so
/// nothing can wait on anything in a cycle (two devices splitting one order, A->B while B->A): it reads every touched
/// order's stream from the journal (the truth; a grain's memory is never ahead of it), in id order; decides on them
/// all at once (<see cref="CheckDecisions"/>); and appends every order's events in ONE transaction, each stream on the
/// condition that it is still at the version decided on. If any order moved meanwhile, nothing is written and the
/// command is decided again on the orders as they now are (a retry then finds it done, or it is refused). After the
/// commit the touched order grains rebuild from the journal (<see cref="IOrderGrain.Refresh"/>); a command one of
/// them was deciding on its old state meanwhile fails its own version check: without If-Match it is decided again
/// on the order as the journal now has it; with a stale If-Match it is answered version-mismatch.
/// </summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class CheckMovesGrain(IJournalStreams journal, StoreClock clock) : Grain, ICheckMovesGrain
{
    private const int Attempts = 3;

    public Task<OrderResult> MoveLines(Guid fromOrderId, MoveLines command, CommandContext context) =>
        CheckCommandRules.Check(command, fromOrderId) is { } invalid
            ? Rejected(invalid)
            : RunAsync(fromOrderId, _ => [command.ToOrderId], context, book => Task.FromResult(CheckDecisions.MoveLines(book, fromOrderId, command)));

    public Task<OrderResult> Merge(Guid intoOrderId, MergeOrder command, CommandContext context) =>
        CheckCommandRules.Check(command, intoOrderId) is { } invalid
            ? Rejected(invalid)
            : RunAsync(intoOrderId, _ => [command.FromOrderId], context,
                book => Task.FromResult(CheckDecisions.Merge(book, intoOrderId, command, clock.Now())));

    public Task<OrderResult> Split(Guid orderId, SplitOrder command, CommandContext context)
    {
        if (CheckCommandRules.Check(command, orderId) is { } invalid)
        {
            return Rejected(invalid);
        }
        IEnumerable<Guid> Touched(OrderState parent) => command.BySeat
            ? parent.Lines.Where(l => l.Added.Seat is not null).Select(l => CheckCommandRules.DerivedId(orderId, $"seat-{l.Added.Seat}"))
                .Concat(parent.MovedLines.Values)
            : command.Groups.Select(g => g.OrderId);
        return RunAsync(orderId, Touched, context, async book =>
        {
            var parent = book.Of(orderId);
            var numbers = new Dictionary<Guid, int>();
            if (parent.Opened is { } opened && !parent.IsClosed)
            {
                foreach (var id in book.States.Keys.Where(id => id != orderId && !book.Of(id).Exists))
                {
                    numbers[id] = await NextNumberAsync(opened.BusinessDate);
                }
            }
            return CheckDecisions.Split(book, orderId, command, clock.Now(), id => numbers[id]);
        }, answerSet: true);
    }

    public Task<OrderResult> CarryOver(Guid orderId, CarryOver command, CommandContext context) =>
        CheckCommandRules.Check(command, orderId) is { } invalid
            ? Rejected(invalid)
            : RunAsync(orderId, _ => [command.NewOrderId], context, async book =>
            {
                var now = clock.Now();
                var today = clock.BusinessDateOf(now);
                var old = book.Of(orderId);
                var due = old is { Exists: true, IsClosed: false } && old.Opened!.BusinessDate < today && !book.Of(command.NewOrderId).Exists;
                return CheckDecisions.CarryOver(book, orderId, command, today, now, due ? await NextNumberAsync(today) : 0);
            }, answerSet: true);

    private async Task<OrderResult> RunAsync(
        Guid addressed, Func<OrderState, IEnumerable<Guid>> touched, CommandContext context, Func<OrderBook, Task<CheckDecision>> decide,
        bool answerSet = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var book = await ReadAsync(addressed, touched);
            var decision = await decide(book);
            var current = book.Of(addressed);
            if (decision.Duplicate)
            {
                return await AnswerAsync(decision.Orders, null, null, CommandOutcome.Duplicate);
            }
            if (current.Exists && context.ExpectedVersion is { } expected && expected != current.Version)
            {
                return await AnswerAsync([addressed], null, new CommandError(ErrorCodes.VersionMismatch,
                    $"The order is at version {current.Version}, not {expected}; fetch it and decide again."), CommandOutcome.Conflict);
            }
            if (decision.Error is { } error)
            {
                return decision.IsConflict && current.Exists
                    ? await AnswerAsync([addressed], null, error, CommandOutcome.Conflict)
                    : new OrderResult(null, error, decision.IsConflict ? CommandOutcome.Conflict : CommandOutcome.Rejected);
            }
            var versions = decision.Parts.ToDictionary(p => p.OrderId, p => p.ExpectedVersion + p.Events.Count);
            var outcome = await AppendAsync(decision, versions, context, answerSet);
            if (outcome == AppendOutcome.Appended)
            {
                foreach (var (id, version) in versions)
                {
                    await GrainFactory.GetGrain<IOrderGrain>(id).Refresh(version);
                }
                return await AnswerAsync(decision.Orders, versions, null, CommandOutcome.Applied);
            }
            if (outcome == AppendOutcome.VersionConflict && attempt < Attempts)
            {
                continue; // an order moved on meanwhile: decide again on the orders as they are now
            }
            var refusal = outcome switch
            {
                AppendOutcome.DaySealed => new CommandError(ErrorCodes.BusinessDaySealed,
                    "A business date of these orders is sealed: its sales are final."),
                AppendOutcome.Refused => new CommandError(ErrorCodes.JournalRefused,
                    "The store's database refused this command's data; nothing was written."),
                _ => new CommandError(ErrorCodes.VersionMismatch, "The orders kept changing meanwhile; fetch them and send the command again."),
            };
            return await AnswerAsync([addressed], null, refusal, outcome == AppendOutcome.Refused ? CommandOutcome.Rejected : CommandOutcome.Conflict);
        }
    }

    private async Task<AppendOutcome> AppendAsync(CheckDecision decision, Dictionary<Guid, int> versions, CommandContext context, bool answerSet)
    {
        var main = decision.Parts[0];
        var answer = answerSet
            ? OrderSetAnswer.Keep(context, [.. decision.Orders.Select(id => new OrderAtVersion(id, versions.GetValueOrDefault(id)))], versions[main.OrderId])
            : context.AnswerAt(versions[main.OrderId], CommandOutcome.Applied);
        var append = new StreamAppend(
            OrderEvents.StreamOf(main.OrderId), main.ExpectedVersion, [.. main.Events.Select(OrderEvents.ToNew)],
            clock.Now(), context.DeviceId, main.BusinessDate, answer)
        {
            Linked = [.. decision.Parts.Skip(1).Select(p =>
                new LinkedAppend(OrderEvents.StreamOf(p.OrderId), p.ExpectedVersion, [.. p.Events.Select(OrderEvents.ToNew)]) { BusinessDate = p.BusinessDate })],
            IssuedAt = context.IssuedAt,
        }.By(context);
        try
        {
            var result = await journal.AppendAsync(append);
            return result.Outcome == AppendOutcome.IdempotencyKeyTaken ? AppendOutcome.VersionConflict : result.Outcome;
        }
        catch
        {
            // The commit's outcome is unknown: every touched order rebuilds from the journal before its next command.
            foreach (var part in decision.Parts)
            {
                await GrainFactory.GetGrain<IOrderGrain>(part.OrderId).Refresh(int.MaxValue);
            }
            throw;
        }
    }

    /// <summary>Every touched order's stream, read in id order: the addressed one first decides which others are touched.</summary>
    private async Task<OrderBook> ReadAsync(Guid addressed, Func<OrderState, IEnumerable<Guid>> touched)
    {
        var states = new Dictionary<Guid, OrderState>();
        var owners = new Dictionary<Guid, string?>();
        async Task Read(Guid id)
        {
            var entries = await journal.ReadStreamAsync(OrderEvents.StreamOf(id));
            var state = OrderState.From(entries.Select(e => OrderEvents.FromJournal(e.Type, e.Data)));
            states[id] = state;
            owners[id] = state.ServerId ?? (entries.Count > 0 ? entries[0].EmployeeId : null);
        }
        await Read(addressed);
        foreach (var id in touched(states[addressed]).Where(id => id != addressed).Distinct().Order())
        {
            await Read(id);
        }
        return new OrderBook(states, owners);
    }

    private Task<int> NextNumberAsync(DateOnly date) =>
        GrainFactory.GetGrain<IOrderNumberGrain>(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Next();

    /// <summary>The orders answered, each at the version the command left it (or as it stands), the addressed one first.</summary>
    private async Task<OrderResult> AnswerAsync(IReadOnlyList<Guid> ids, Dictionary<Guid, int>? versions, CommandError? error, CommandOutcome outcome)
    {
        var views = new List<OrderView>();
        foreach (var id in ids)
        {
            var grain = GrainFactory.GetGrain<IOrderGrain>(id);
            var view = versions is not null && versions.TryGetValue(id, out var v) ? await grain.GetAt(v) : await grain.Get();
            if (view is not null)
            {
                views.Add(view);
            }
        }
        return new OrderResult(views.FirstOrDefault(v => v.OrderId == ids[0]), error, outcome) { Orders = views };
    }

    private static Task<OrderResult> Rejected(CommandError error) => Task.FromResult(new OrderResult(null, error, CommandOutcome.Rejected));
}
