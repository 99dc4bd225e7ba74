using Pos.Client.Outbox;
using Pos.Contracts.Orders;
using Pos.Contracts.Sync;

namespace Pos.Client;

/// <summary>
/// The check commands (issue 14), queued like the others: each goes through the outbox under its own command id, so a
/// retry after a lost answer is recognised, and each is one transaction across the orders it touches on the appliance.
/// </summary>
public sealed partial class StoreDevice
{
    /// <summary>Moves lines of <paramref name="orderId"/> to the open order <paramref name="toOrderId"/>.</summary>
    public Task<QueuedCommand> MoveLinesAsync(Guid orderId, Guid toOrderId, IReadOnlyList<Guid> lineIds, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.MoveLines, orderId, new MoveLinesRequest(toOrderId, lineIds), null, cancellationToken);

    /// <summary>Merges <paramref name="fromOrderId"/> (its lines and payments) into <paramref name="orderId"/>.</summary>
    public Task<QueuedCommand> MergeAsync(Guid orderId, Guid fromOrderId, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.Merge, orderId, new MergeOrderRequest(fromOrderId), null, cancellationToken);

    /// <summary>Splits by lines: each group's lines go to a new order whose id the caller chose.</summary>
    public Task<QueuedCommand> SplitByLinesAsync(
        Guid orderId, IReadOnlyList<(Guid OrderId, IReadOnlyList<Guid> LineIds)> groups, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.Split, orderId,
            new SplitOrderRequest("lines", [.. groups.Select(g => new SplitGroupRequest(g.OrderId, g.LineIds))], null), null, cancellationToken);

    /// <summary>Splits by seat: one new order per seat; lines without a seat stay.</summary>
    public Task<QueuedCommand> SplitBySeatAsync(Guid orderId, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.Split, orderId, new SplitOrderRequest("seats", null, null), null, cancellationToken);

    /// <summary>Splits the balance evenly into <paramref name="parts"/> that add up to it to the cent.</summary>
    public Task<QueuedCommand> SplitEvenlyAsync(Guid orderId, int parts, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.Split, orderId, new SplitOrderRequest("even", null, parts), null, cancellationToken);

    /// <summary>Moves the order to another table and/or server.</summary>
    public Task<QueuedCommand> TransferAsync(Guid orderId, string? table, string? employeeId, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.Transfer, orderId, new TransferOrderRequest(table, employeeId), null, cancellationToken);

    /// <summary>Carries an open order of a date that is over to the current one (a manager's command).</summary>
    public Task<QueuedCommand> CarryOverAsync(Guid orderId, Guid? newOrderId = null, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.CarryOver, orderId, new CarryOverRequest(newOrderId), null, cancellationToken);

    /// <summary>Closes the order with a reason, writing off what is owed (a manager's command).</summary>
    public Task<QueuedCommand> CloseWithReasonAsync(Guid orderId, string reason, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.CloseWithReason, orderId, new CloseWithReasonRequest(reason), null, cancellationToken);
}
