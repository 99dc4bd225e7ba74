using Pos.Contracts.Cash;
using Pos.Contracts.Orders;
using Pos.Grains.Cash;
using Pos.Grains.Journal;
using Pos.Grains.Printing;
using Pos.Grains.Printing.Documents;

namespace Pos.Grains.Orders;

/// <summary>
/// Cash payments and drawers (<see cref="OrderGrain"/>): a cash payment taken by a person with a drawer session open
/// is recorded in that session (a DrawerCashTaken on the session's version) and kicks its drawer (a print job), both
/// in the payment's own transaction: if the payment committed, its cash is in the session and its kick is queued,
/// exactly once; a session closed meanwhile makes the append fail, and the payment is decided again without it.
/// </summary>
public sealed partial class OrderGrain
{
    private async Task<CashLink?> CashOf(IReadOnlyList<OrderEvent> events, Commands.CommandContext context)
    {
        if (context.EmployeeId is not { } employee)
        {
            return null;
        }
        if (events.OfType<RefundRecorded>().FirstOrDefault(r => r.Tender == Tender.Cash) is { } refund)
        {
            return await CashRefundOf(refund, employee);
        }
        if (events.OfType<PaymentAdded>().FirstOrDefault(p => p.Tender == Tender.Cash) is not { } paid)
        {
            return null;
        }
        var till = await GrainFactory.GetGrain<ICashDrawersGrain>(ICashDrawersGrain.Key).TillOf(employee);
        if (till is null)
        {
            return null; // nobody's drawer: unassigned cash in the Z report
        }
        var taken = new DrawerCashTaken(till.SessionId, OrderId, paid.PaymentId, checked(paid.AmountMinor - paid.ChangeMinor), paid.TipMinor);
        var kick = PrintJobQueued.Of(PrintDocument.KickOn(till.Pin), till.PrinterId, PrintJobQueued.DrawerKickReason, OrderId);
        return new CashPayment(paid, paid with { DrawerSessionId = till.SessionId }, till, taken, kick);
    }

    /// <summary>True when the order's stream is where the grain left it: only the drawer's session had moved on.</summary>
    private async Task<bool> OnlyTheDrawerMovedAsync(CashLink cash)
    {
        await GrainFactory.GetGrain<ICashDrawersGrain>(ICashDrawersGrain.Key).Reload(cash.Till.SessionId);
        return (await journal.ReadStreamAsync(OrderEvents.StreamOf(OrderId))).Count == _state.Version;
    }

    private async Task CashCommittedAsync(CashLink link, long seq, DateTimeOffset at)
    {
        if (link is not CashPayment cash)
        {
            await RefundPaidOutAsync(link);
            return;
        }
        await GrainFactory.GetGrain<ICashDrawersGrain>(ICashDrawersGrain.Key).CashTaken(cash.Taken, cash.Till.Version + 1);
        // The session's event took seq; the kick's job the one after it.
        await GrainFactory.GetGrain<IPrinterGrain>(cash.Kick.PrinterId).Accept(cash.Kick, seq + 1, at);
    }

    /// <summary>A cash payment as decided, as recorded (in its drawer's session), and what goes with it.</summary>
    private sealed record CashPayment(PaymentAdded Decided, PaymentAdded Recorded, CashTill Till, DrawerCashTaken Taken, PrintJobQueued Kick)
        : CashLink(Till)
    {
        public override IReadOnlyList<OrderEvent> Into(IReadOnlyList<OrderEvent> events) =>
            [.. events.Select(e => ReferenceEquals(e, Decided) ? Recorded : e)];

        public override IEnumerable<LinkedAppend> Links() =>
        [
            new LinkedAppend(CashEvents.SessionStreamOf(Till.SessionId), Till.Version, [CashEvents.ToNew(Taken)]),
            new LinkedAppend(PrintingEvents.StreamOf(Kick.JobId), 0, [PrintingEvents.ToNew(Kick)]),
        ];
    }
}

/// <summary>Cash an order command moves in or out of a person's open drawer session, written in the command's own transaction.</summary>
internal abstract record CashLink(CashTill Till)
{
    /// <summary>The command's events as recorded, naming the session.</summary>
    public abstract IReadOnlyList<OrderEvent> Into(IReadOnlyList<OrderEvent> events);

    /// <summary>The session's (and any printer's) events written with them.</summary>
    public abstract IEnumerable<LinkedAppend> Links();
}
