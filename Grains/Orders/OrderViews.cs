using Pos.Contracts.Orders;
using Pos.Grains.Devices;

namespace Pos.Grains.Orders;

/// <summary>
/// An order's state as the view the grain answers with. The fold (<see cref="OrderState"/>) lives in Contracts, where
/// the cloud's daily report shares it; the view stays here, an Orleans type marked immutable, so answering with it costs
/// no copy on a local call.
/// </summary>
public static class OrderViews
{
    /// <summary>
    /// The view of the order; <paramref name="openedBy"/> is the device of its first event, which the journal records
    /// beside the events (the fold sees only the events).
    /// </summary>
    public static OrderView ToView(this OrderState state, DeviceRef openedBy)
    {
        var opened = state.Opened ?? throw new InvalidOperationException("The order was never opened.");
        return new OrderView
        {
            OrderId = opened.OrderId,
            Number = opened.Number,
            Channel = opened.Channel,
            Table = state.Table,
            Guests = opened.Guests,
            Status = state.IsClosed ? OrderStatus.Closed : OrderStatus.Open,
            Version = state.Version,
            BusinessDate = opened.BusinessDate,
            OpenedAt = opened.OpenedAt,
            OpenedBy = openedBy,
            ClosedAt = state.ClosedAt,
            Currency = opened.Currency,
            Lines = [.. state.Lines.Select(l => l.ToView())],
            SubtotalMinor = state.SubtotalMinor,
            TaxMinor = state.TaxMinor,
            TotalMinor = state.TotalMinor,
            PaidMinor = state.PaidMinor,
            TipMinor = state.TipMinor,
            BalanceMinor = state.BalanceMinor,
            ChangeDueMinor = state.Payments.Sum(p => p.ChangeMinor),
            Payments = [.. state.Payments.Select(p => p.ToView())],
            Checks = [.. state.Checks.Select(c => new CheckPrintView(c.JobId, c.Kind, c.PrinterId, c.Copy, c.PrintedAt))],
            ServerId = state.ServerId,
            SplitFrom = opened.SplitFrom,
            CarriedFrom = opened.CarriedFrom,
            MergedInto = state.Closing?.MergedInto,
            CarriedOverTo = state.Closing?.CarriedOverTo,
            WriteOffReason = state.Closing?.WriteOffReason,
            WrittenOffMinor = state.Closing?.WrittenOffMinor ?? 0,
            EvenPartsMinor = state.EvenParts,
            DiscountMinor = state.DiscountMinor,
            Discounts = state.DiscountViews(),
            RefundedMinor = state.RefundedMinor,
            Refunds = state.RefundViews(),
        };
    }

    public static OrderLineView ToView(this OrderState.Line line) => new()
    {
        LineId = line.Added.LineId,
        MenuItemId = line.Added.MenuItemId,
        Name = line.Added.Name,
        Quantity = line.Added.Quantity,
        UnitPriceMinor = line.Added.UnitPriceMinor,
        TaxRateBp = line.Added.TaxRateBp,
        Station = line.Added.Station,
        Note = line.Added.Note,
        Modifiers = line.Added.Modifiers,
        Status = line.Status,
        NetMinor = line.NetMinor,
        TaxMinor = line.TaxMinor,
        VoidReason = line.VoidReason,
        Seat = line.Added.Seat,
        Course = line.Added.Course,
        Options = line.Added.Options is { Count: > 0 } options
            ? [.. options.Select(o => new LineOptionView(o.GroupId, o.GroupName, o.OptionId, o.Name, o.PriceMinor))]
            : [],
        Held = line.Added.Held && line.Status == LineStatus.Pending,
        DiscountMinor = line.DiscountMinor,
    };

    public static PaymentView ToView(this PaymentAdded paid) => new()
    {
        PaymentId = paid.PaymentId,
        Tender = paid.Tender,
        AmountMinor = paid.AmountMinor,
        TipMinor = paid.TipMinor,
        ChangeMinor = paid.ChangeMinor,
        Reference = paid.Reference,
        EmployeeId = paid.EmployeeId,
    };
}
