using System.Globalization;

namespace Pos.Contracts.Reports;

/// <summary>The Z report as the lines of a receipt: one figure a line, label left and amount right, within the paper's columns.</summary>
public static class ZReportText
{
    public static string Title(ZReport report) => $"Z REPORT {report.BusinessDate:yyyy-MM-dd}";

    public static IReadOnlyList<string> Lines(ZReport report, int columns)
    {
        var lines = new List<string>();
        void Row(string label, string value) => lines.Add(Spread(label, value, columns));
        void Money(string label, long minor) => Row(label, Amount(minor));
        void Rule(string title) => lines.Add(title.Length >= columns ? title[..columns] : $"{title} {new string('-', columns - title.Length - 1)}");

        Row("Currency", report.Currency);
        Row("Through seq", report.ThroughSeq.ToString(CultureInfo.InvariantCulture));
        Rule("SALES");
        Row("Orders closed", Count(report.OrdersClosed));
        Row("Orders open", Count(report.OrdersOpen));
        Money("Gross sales", report.GrossSalesMinor);
        Money("Net sales", report.NetSalesMinor);
        Money("Tax", report.TaxMinor);
        Money("Tips", report.TipsMinor);
        Rule("TENDERS");
        Money("Cash", report.Tenders.Cash);
        Money("Card", report.Tenders.Card);
        Money("Other", report.Tenders.Other);
        Money("Unassigned cash", report.UnassignedCashMinor);
        Rule("ADJUSTMENTS");
        Row("Voids", $"{Count(report.VoidCount)} / {Amount(report.VoidsMinor)}");
        Money("Comps", report.CompsMinor);
        Money("Discounts", report.DiscountsMinor);
        Money("Refunds", report.RefundsMinor);
        if (report.RefundCount > 0)
        {
            Money("  Cash refunds", report.RefundTenders.Cash);
            Money("  Card refunds", report.RefundTenders.Card);
            Money("  Other refunds", report.RefundTenders.Other);
        }
        if (report.TipAdjustmentCount > 0)
        {
            Row("Tip adjustments", $"{Count(report.TipAdjustmentCount)} / {Amount(report.TipAdjustmentsMinor)}");
        }
        Row("No-sale openings", Count(report.NoSaleCount));
        Rule("BY EMPLOYEE");
        foreach (var e in report.ByEmployee)
        {
            lines.Add(e.Name is { Length: > 0 } name ? $"{name} ({e.EmployeeId})" : e.EmployeeId);
            Row("  Orders / net", $"{Count(e.OrdersClosed)} / {Amount(e.NetSalesMinor)}");
            Money("  Cash", e.CashMinor);
            Money("  Card", e.CardMinor);
            Money("  Other", e.OtherMinor);
            Money("  Tips", e.TipsMinor);
            Money("  Voids", e.VoidsMinor);
            Row("  Minutes worked", e.MinutesWorked.ToString(CultureInfo.InvariantCulture));
        }
        Rule("BY HOUR");
        foreach (var h in report.ByHour)
        {
            Row(h.Hour, $"{Count(h.OrdersClosed)} / {Amount(h.NetSalesMinor)}");
        }
        Rule("DRAWERS");
        foreach (var d in report.Drawers)
        {
            lines.Add($"{d.DrawerId} {d.EmployeeId} ({d.Status})");
            Money("  Float", d.FloatMinor);
            Money("  Pay-ins", d.PayInsMinor);
            Money("  Pay-outs", d.PayOutsMinor);
            Money("  Cash sales", d.CashSalesMinor);
            Money("  Cash tips", d.CashTipsMinor);
            Money("  Expected", d.ExpectedMinor);
            Row("  Counted", d.CountedMinor is { } counted ? Amount(counted) : "-");
            Row("  Over/short", d.OverShortMinor is { } overShort ? Amount(overShort) : "-");
        }
        Money("Over/short", report.OverShortMinor);
        return lines;
    }

    /// <summary>Minor units as a decimal amount with two places (1234 is "12.34", -5 is "-0.05").</summary>
    public static string Amount(long minor) =>
        (minor < 0 ? "-" : "") + (Math.Abs(minor) / 100).ToString(CultureInfo.InvariantCulture) + "." + (Math.Abs(minor) % 100).ToString("D2", CultureInfo.InvariantCulture);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Spread(string left, string right, int columns)
    {
        var room = columns - right.Length - 1;
        if (room < 1)
        {
            return $"{left} {right}";
        }
        left = left.Length > room ? left[..room] : left;
        return left + new string(' ', columns - left.Length - right.Length) + right;
    }
}
