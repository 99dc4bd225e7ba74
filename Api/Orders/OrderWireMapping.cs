using Grain = Pos.Grains.Orders;
using Wire = Pos.Contracts.Orders;

namespace Pos.Api.Orders;

/// <summary>
/// The order grain's view as the wire record (Contracts) every order route answers. Called on every order command,
/// so it is plain: one allocation per record, arrays filled by a loop, the lists of strings passed as they are.
/// </summary>
public static class OrderWireMapping
{
    public static Wire.OrderView ToWire(this Grain.OrderView order)
    {
        Wire.OrderLineView[] lines = order.Lines.Count == 0 ? [] : new Wire.OrderLineView[order.Lines.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = order.Lines[i].ToWire();
        }
        Wire.PaymentView[] payments = order.Payments.Count == 0 ? [] : new Wire.PaymentView[order.Payments.Count];
        for (var i = 0; i < payments.Length; i++)
        {
            payments[i] = order.Payments[i].ToWire();
        }
        return new Wire.OrderView
        {
            OrderId = order.OrderId,
            Number = order.Number,
            Channel = order.Channel,
            Table = order.Table,
            Guests = order.Guests,
            Status = order.Status,
            Version = order.Version,
            BusinessDate = order.BusinessDate,
            OpenedAt = order.OpenedAt,
            OpenedBy = new Pos.Contracts.Devices.DeviceRef(order.OpenedBy.DeviceId, order.OpenedBy.Name)
            {
                EmployeeId = order.OpenedBy.EmployeeId,
                EmployeeName = order.OpenedBy.EmployeeName,
            },
            ClosedAt = order.ClosedAt,
            Currency = order.Currency,
            Lines = lines,
            SubtotalMinor = order.SubtotalMinor,
            TaxMinor = order.TaxMinor,
            TotalMinor = order.TotalMinor,
            PaidMinor = order.PaidMinor,
            TipMinor = order.TipMinor,
            BalanceMinor = order.BalanceMinor,
            ChangeDueMinor = order.ChangeDueMinor,
            Payments = payments,
            Checks = order.Checks.Count == 0 ? null : [.. order.Checks.Select(c => new Wire.CheckPrintView
            {
                JobId = c.JobId, Kind = c.Kind, PrinterId = c.PrinterId, Copy = c.Copy, PrintedAt = c.PrintedAt,
            })],
            ServerId = order.ServerId,
            SplitFrom = order.SplitFrom,
            CarriedFrom = order.CarriedFrom,
            MergedInto = order.MergedInto,
            CarriedOverTo = order.CarriedOverTo,
            WriteOffReason = order.WriteOffReason,
            WrittenOffMinor = order.WrittenOffMinor,
            EvenPartsMinor = order.EvenPartsMinor,
            DiscountMinor = order.DiscountMinor,
            Discounts = order.Discounts.Count == 0 ? [] : [.. order.Discounts.Select(d => d.ToWire())],
            RefundedMinor = order.RefundedMinor,
            Refunds = order.Refunds.Count == 0 ? [] : [.. order.Refunds.Select(r => r.ToWire())],
        };
    }

    public static Wire.OrderLineView ToWire(this Grain.OrderLineView line) => new()
    {
        LineId = line.LineId,
        MenuItemId = line.MenuItemId,
        Name = line.Name,
        Quantity = line.Quantity,
        UnitPriceMinor = line.UnitPriceMinor,
        TaxRateBp = line.TaxRateBp,
        Station = line.Station,
        Note = line.Note,
        Modifiers = line.Modifiers,
        Status = line.Status,
        NetMinor = line.NetMinor,
        TaxMinor = line.TaxMinor,
        VoidReason = line.VoidReason,
        Seat = line.Seat,
        Course = line.Course,
        Options = line.Options.Count == 0 ? [] : [.. line.Options.Select(o => new Wire.LineOptionView(o.GroupId, o.GroupName, o.OptionId, o.Name, o.PriceMinor))],
        Held = line.Held,
        DiscountMinor = line.DiscountMinor,
    };

    public static Wire.PaymentView ToWire(this Grain.PaymentView payment) => new()
    {
        PaymentId = payment.PaymentId,
        Tender = payment.Tender,
        AmountMinor = payment.AmountMinor,
        TipMinor = payment.TipMinor,
        ChangeMinor = payment.ChangeMinor,
        Reference = payment.Reference,
        EmployeeId = payment.EmployeeId,
    };

    public static Wire.DiscountView ToWire(this Grain.DiscountView d) => new()
    {
        DiscountId = d.DiscountId,
        LineId = d.LineId,
        PercentBp = d.PercentBp,
        AmountMinor = d.AmountMinor,
        Reason = d.Reason,
        Comp = d.Comp,
        TakenMinor = d.TakenMinor,
    };

    public static Wire.RefundView ToWire(this Grain.RefundView r) => new()
    {
        RefundId = r.RefundId,
        AmountMinor = r.AmountMinor,
        Tender = r.Tender,
        Reason = r.Reason,
        LineIds = r.LineIds,
        BusinessDate = r.BusinessDate,
    };
}
