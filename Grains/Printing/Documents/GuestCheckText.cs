using System.Globalization;
using Pos.Contracts.Orders;
using Pos.Contracts.Reports;
using Pos.Grains.Printing.Tickets;

namespace Pos.Grains.Printing.Documents;

/// <summary>
/// The guest check and the receipt as the lines of a page on a receipt printer: the order's lines (by seat when seats
/// were taken, each option under its line), subtotal, tax and total; the check adds what is still due and suggested
/// tips, the receipt the payments, tips and change. Amounts in the currency's minor units, printed with two places.
/// </summary>
public static class GuestCheckText
{
    /// <summary>Suggested tips on a guest check, in percent of the subtotal before tax.</summary>
    public static readonly IReadOnlyList<int> SuggestedTipPercents = [18, 20, 22];

    public static string Title(CheckPrinted printed) => printed.Kind == CheckKind.Receipt ? "RECEIPT" : "GUEST CHECK";

    /// <summary>The page's lines; <paramref name="order"/> is the order as it stood when the print was asked for.</summary>
    public static IReadOnlyList<string> Lines(OrderState order, CheckPrinted printed, int columns, string printedBy)
    {
        var opened = order.Opened ?? throw new InvalidOperationException("The order was never opened.");
        var lines = new List<string>();
        void Row(string left, string right) => lines.AddRange(TicketText.Spread(left, right, columns));
        void Money(string label, long minor) => Row(label, ZReportText.Amount(minor));

        if (printed.Copy)
        {
            lines.Add("** COPY **");
        }
        Row($"Order {opened.Number}", Place(opened));
        Row(opened.Guests is { } guests ? $"Guests {guests}" : "", printed.PrintedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        lines.Add($"Served by {printedBy}");
        lines.Add(new string('-', columns));

        var live = order.Lines.Where(l => l.Status != LineStatus.Voided).ToList();
        var bySeat = live.Any(l => l.Added.Seat is not null);
        foreach (var seat in live.GroupBy(l => l.Added.Seat).OrderBy(g => g.Key ?? int.MaxValue))
        {
            if (bySeat)
            {
                lines.Add(seat.Key is { } number ? $"Seat {number}" : "Table");
            }
            foreach (var line in seat)
            {
                Row($"{line.Added.Quantity} {line.Added.Name}", ZReportText.Amount(line.NetMinor));
                // The options are in the line's price (item and options, as they were when it was added).
                foreach (var option in line.Added.Options)
                {
                    lines.AddRange(TicketText.Wrap(option.Name, columns, "  + ", "    "));
                }
            }
        }
        lines.Add(new string('-', columns));
        Money("Subtotal", order.SubtotalMinor);
        if (order.DiscountMinor != 0)
        {
            // Discounts and comps come off the net before tax (the tax below is on what remains).
            Money("Discounts", -order.DiscountMinor);
        }
        Money("Tax", order.TaxMinor);
        Money("TOTAL", order.TotalMinor);

        if (printed.Kind == CheckKind.Receipt)
        {
            foreach (var payment in order.Payments)
            {
                Money(TenderName(payment.Tender), payment.AmountMinor);
                if (payment.TipMinor != 0)
                {
                    Money("  Tip", payment.TipMinor);
                }
                if (payment.ChangeMinor != 0)
                {
                    Money("  Change", payment.ChangeMinor);
                }
            }
            Money(order.BalanceMinor > 0 ? "Still due" : "Paid in full", order.BalanceMinor > 0 ? order.BalanceMinor : order.PaidMinor);
            if (order.Payments.Any(p => p.Tender == Tender.Card && p.TipMinor == 0) && order.BalanceMinor <= 0)
            {
                lines.Add("");
                Row("Tip", "__________");
                Row("Total", "__________");
                Row("Signature", "__________");
            }
        }
        else
        {
            if (order.PaidMinor != 0)
            {
                Money("Paid", order.PaidMinor);
                Money("Balance due", order.BalanceMinor);
            }
            lines.Add("");
            lines.Add("Tip guide (pre-tax):");
            foreach (var percent in SuggestedTipPercents)
            {
                Money($"  {percent}%", SuggestedTip(order.SubtotalMinor, percent));
            }
        }
        lines.Add("");
        lines.Add("Thank you!");
        return lines;
    }

    /// <summary>A suggested tip: the percentage of the subtotal (before discounts and tax), rounded half up to a whole minor unit.</summary>
    public static long SuggestedTip(long subtotalMinor, int percent) =>
        subtotalMinor <= 0 ? 0 : (subtotalMinor * percent + 50) / 100;

    private static string Place(OrderOpened opened) =>
        !string.IsNullOrWhiteSpace(opened.Table) ? $"Table {opened.Table}"
        : opened.Channel switch
        {
            Channel.Takeout => "Takeout",
            Channel.Delivery => "Delivery",
            _ => "Dine-in",
        };

    private static string TenderName(Tender tender) => tender switch
    {
        Tender.Cash => "Cash",
        Tender.Card => "Card",
        _ => "Other",
    };
}
