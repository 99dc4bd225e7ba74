using static Pos.Grains.Tests.Orders.AnOrder;
using Pos.Contracts.Orders;
using Pos.Contracts.Reports;

namespace Pos.Grains.Tests.Reports;

public sealed class DailyReportBuilderTests
{
    private static readonly DateOnly Day = new(2026, 11, 25);
    private static readonly Guid A = Id(101), B = Id(102), C = Id(103), D = Id(104), E = Id(105);

    /// <summary>
    /// A: closed, burger x2 + fries, soda voided; card 1500 tip 200, cash 2000 change 956.
    /// B: closed, soda x2 + burger; other 1000, card 481 tip 100.
    /// C: open, burger, fries voided. D: closed, of the day before. E: opened the day after.
    /// </summary>
    private static JournalOf TheDay() => new JournalOf()
        .Order(B, Day, Opened(B, Day), Line(Id(21), Soda, 2))
        .Order(A, Day, Opened(A, Day), Line(Id(11), Burger, 2))
        .Order(B, Day, Line(Id(22), Burger))
        .Order(A, Day, Line(Id(12), Fries), Line(Id(13), Soda), new OrderFired([Id(11), Id(12), Id(13)], Later))
        .Other("menu", "MenuReplaced", """{"version":2,"currency":"USD","items":[]}""")
        .Order(A, Day, new LineVoided(Id(13), "spilled", true), Paid(Tender.Card, 1500, 200), Paid(Tender.Cash, 2000, changeMinor: 956), new OrderClosed(Later))
        .Order(C, Day, Opened(C, Day), Line(Id(31), Burger), Line(Id(32), Fries), new LineVoided(Id(32), "wrong item", false))
        .Order(D, Day.AddDays(-1), Opened(D, Day.AddDays(-1)), Line(Id(41), Burger, 9), Paid(Tender.Card, 9743), new OrderClosed(Later))
        .Order(B, Day, Paid(Tender.Other, 1000), Paid(Tender.Card, 481, 100), new OrderClosed(Later))
        .Order(E, Day.AddDays(1), Opened(E, Day.AddDays(1)), Line(Id(51), Soda));

    [Fact]
    public void Build_CountsClosedOrdersInSales_AndOpenOnesOnlyInOrdersOpen()
    {
        var report = DailyReportBuilder.Build(Day, TheDay().Entries);

        Assert.Equal(2, report.OrdersClosed);
        Assert.Equal(1, report.OrdersOpen);
        Assert.Equal(3748, report.NetSalesMinor);  // A 2000 + 350, B 398 + 1000; C's burger not counted
        Assert.Equal(277, report.TaxMinor);        // A 165 + 29, B 0 + 83
        Assert.Equal(Day, report.BusinessDate);
        Assert.Equal("USD", report.Currency);
    }

    [Fact]
    public void Build_CountsVoidedLinesOfClosedOrders_OnlyInVoids()
    {
        var report = DailyReportBuilder.Build(Day, TheDay().Entries);

        Assert.Equal(199, report.VoidsMinor);       // A's soda; C is open, so its voided fries count nowhere
        Assert.Equal(new ItemSales("soda", "Soda", 2, 398), report.Items.Single(i => i.MenuItemId == "soda"));  // B's only
    }

    [Fact]
    public void Build_GrossIsNetPlusTax_AndTendersAreAmountsLessChange_AddingUpToGross()
    {
        var report = DailyReportBuilder.Build(Day, TheDay().Entries);

        Assert.Equal(4025, report.GrossSalesMinor);
        Assert.Equal(report.NetSalesMinor + report.TaxMinor, report.GrossSalesMinor);
        Assert.Equal(new TenderTotals(Cash: 1044, Card: 1981, Other: 1000), report.Tenders);
        Assert.Equal(report.GrossSalesMinor, report.Tenders.Cash + report.Tenders.Card + report.Tenders.Other);
    }

    [Fact]
    public void Build_SumsTips_OutsideSalesAndTenders()
    {
        var report = DailyReportBuilder.Build(Day, TheDay().Entries);

        Assert.Equal(300, report.TipsMinor);
    }

    [Fact]
    public void Build_AggregatesItemsPerMenuItem_SortedById()
    {
        var report = DailyReportBuilder.Build(Day, TheDay().Entries);

        Assert.Equal(
            [new ItemSales("burger", "Burger", 3, 3000), new ItemSales("fries", "Fries", 1, 350), new ItemSales("soda", "Soda", 2, 398)],
            report.Items);
    }

    [Fact]
    public void Build_SortsItemsByOrdinalId()
    {
        var ipa = Soda with { Id = "IPA", Name = "IPA", PriceMinor = 700 };
        var journal = new JournalOf().Order(A, Day,
            Opened(A, Day), Line(Id(11), Soda), Line(Id(12), ipa), Line(Id(13), Burger), Paid(Tender.Cash, 1982), new OrderClosed(Later));

        var report = DailyReportBuilder.Build(Day, journal.Entries);

        Assert.Equal(["IPA", "burger", "soda"], report.Items.Select(i => i.MenuItemId));
    }

    [Fact]
    public void Build_IgnoresEventsOfAnotherBusinessDate()
    {
        var dayBefore = DailyReportBuilder.Build(Day.AddDays(-1), TheDay().Entries);

        Assert.Equal(1, dayBefore.OrdersClosed);
        Assert.Equal(0, dayBefore.OrdersOpen);
        Assert.Equal(9000, dayBefore.NetSalesMinor);
        Assert.Equal(743, dayBefore.TaxMinor);  // 742.5 rounded away from zero
        Assert.Equal(new TenderTotals(0, 9743, 0), dayBefore.Tenders);
        Assert.Equal([new ItemSales("burger", "Burger", 9, 9000)], dayBefore.Items);
    }

    [Fact]
    public void Build_IsThroughTheHighestSeqSeen_IncludingEventsOfOtherDatesAndStreams()
    {
        var journal = TheDay();

        var report = DailyReportBuilder.Build(Day, journal.Entries);

        Assert.Equal(26, journal.LastSeq);
        Assert.Equal(26, report.ThroughSeq);  // the last event is the next day's
    }

    [Fact]
    public void Build_OfNoEvents_IsAnEmptyReport()
    {
        var report = DailyReportBuilder.Build(Day, []);

        Assert.Equal(Day, report.BusinessDate);
        Assert.Equal("", report.Currency);
        Assert.Equal((0, 0), (report.OrdersClosed, report.OrdersOpen));
        Assert.Equal((0L, 0L, 0L, 0L, 0L), (report.GrossSalesMinor, report.NetSalesMinor, report.TaxMinor, report.VoidsMinor, report.TipsMinor));
        Assert.Equal(new TenderTotals(0, 0, 0), report.Tenders);
        Assert.Equal(0, report.ThroughSeq);
        Assert.Empty(report.Items);
    }
}
