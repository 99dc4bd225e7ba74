using Pos.Client.Http;
using Pos.Client.Outbox;
using Pos.Contracts.Orders;
using Pos.Contracts.Sync;

namespace Pos.Client;

/// <summary>Discounts and comps, tip adjustments and refunds, queued like every other command (StoreDevice.cs).</summary>
public sealed partial class StoreDevice
{
    /// <summary>A discount on a line (or the whole order when <paramref name="lineId"/> is null); a comp is 100 % off.</summary>
    public Task<QueuedCommand> ApplyDiscountAsync(
        Guid orderId, Guid discountId, Guid? lineId, int? percentBp, long? amountMinor, string reason, bool comp = false,
        CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.Discounts, orderId,
            new ApplyDiscountRequest(discountId, lineId, percentBp, amountMinor, reason, comp ? true : null), null, cancellationToken);

    public Task<QueuedCommand> RemoveDiscountAsync(Guid orderId, Guid discountId, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.RemoveDiscount, orderId, new RemoveDiscountPayload(discountId), null, cancellationToken);

    /// <summary>Sets a card payment's tip (the signed slip); after close too, until its business day is sealed.</summary>
    public Task<QueuedCommand> AdjustTipAsync(Guid orderId, Guid paymentId, long tipMinor, CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.Tip, orderId, new TipPayload(paymentId, tipMinor), null, cancellationToken);

    /// <summary>Gives money back on a closed order, of <paramref name="lineIds"/> or an amount alone.</summary>
    public Task<QueuedCommand> RefundAsync(
        Guid orderId, Guid refundId, long amountMinor, Tender tender, string reason, IReadOnlyList<Guid>? lineIds = null,
        CancellationToken cancellationToken = default) =>
        QueueAsync(DeviceCommands.Refunds, orderId, new RefundRequest(refundId, amountMinor, tender, reason, lineIds), null, cancellationToken);
}
