using Pos.Contracts.Problems;
using Pos.Grains.Commands;

namespace Pos.Grains.Orders;

/// <summary>
/// One order, keyed by the client-chosen orderId. Every command is checked against the order's state,
/// its events are committed to the journal, and only then does the grain change and answer.
/// </summary>
public interface IOrderGrain : IGrainWithGuidKey
{
    /// <summary>The order, or null when it was never opened.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<OrderView?> Get();

    /// <summary>
    /// The order as it stood at <paramref name="version"/> (its first <paramref name="version"/> events), or null
    /// when it never had that version: how an answer kept by version is given again.
    /// </summary>
    [Orleans.Concurrency.ReadOnly]
    Task<OrderView?> GetAt(int version);

    Task<OrderResult> Open(OpenOrder command, CommandContext context);

    Task<OrderResult> AddLine(AddLine command, CommandContext context);

    Task<OrderResult> VoidLine(VoidLine command, CommandContext context);

    /// <summary>Sends every pending line to its station. With nothing pending, changes nothing.</summary>
    Task<OrderResult> Fire(CommandContext context);

    /// <summary>
    /// Fires one course's pending lines, held ones too (firing a course releases it); with no course, as
    /// <see cref="Fire"/>: every pending line not held. With nothing to fire, changes nothing.
    /// </summary>
    Task<OrderResult> FireCourse(FireOrder command, CommandContext context);

    Task<OrderResult> AddPayment(AddPayment command, CommandContext context);

    /// <summary>Closes the order; refused with balance-not-zero unless it is paid in full.</summary>
    Task<OrderResult> Close(CommandContext context);

    /// <summary>Prints the guest check or the receipt on a receipt printer (a job queued with the event).</summary>
    Task<OrderResult> PrintCheck(PrintCheck command, CommandContext context);
    /// <summary>Moves the order to another table and/or server.</summary>
    Task<OrderResult> Transfer(TransferOrder command, CommandContext context);

    /// <summary>Splits the balance evenly into parts that add up to it to the cent (<see cref="Pos.Contracts.Orders.EvenSplit"/>).</summary>
    Task<OrderResult> SplitEvenly(int parts, CommandContext context);

    /// <summary>Closes the order with a reason, writing off what is still owed (a manager's end-of-day command).</summary>
    Task<OrderResult> CloseWithReason(CloseWithReason command, CommandContext context);

    /// <summary>
    /// Rebuilds the order from its journal stream when the stream is past <paramref name="version"/>'s predecessor:
    /// a command across orders (<see cref="ICheckMovesGrain"/>) wrote to it.
    /// </summary>
    Task Refresh(int version);

    /// <summary>A discount or comp on a line or the whole order, before it closes.</summary>
    Task<OrderResult> ApplyDiscount(ApplyDiscount command, CommandContext context);

    /// <summary>Takes a discount back, before the order closes.</summary>
    Task<OrderResult> RemoveDiscount(RemoveDiscount command, CommandContext context);

    /// <summary>Changes a card payment's tip, open or closed, until the order's business date is sealed.</summary>
    Task<OrderResult> AdjustTip(AdjustTip command, CommandContext context);

    /// <summary>Gives money back on a closed order; it counts for the business date it is given on.</summary>
    Task<OrderResult> Refund(Refund command, CommandContext context);
}

/// <summary>
/// The order after a command, or the refusal, and the command's <see cref="Outcome"/>. <see cref="Order"/> is the
/// order as it stands after the command (also on a refusal, when the order exists).
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.order-result")]
public sealed record OrderResult(
    [property: Id(0)] OrderView? Order,
    [property: Id(1)] CommandError? Error,
    [property: Id(2)] CommandOutcome Outcome)
{
    /// <summary>Every order a command across orders answers with (a split: the order and its new orders), in order.</summary>
    [Id(3)] public IReadOnlyList<OrderView> Orders { get; init; } = [];
}
