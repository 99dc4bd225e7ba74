using System.Text.Json;
using Npgsql;
using Pos.Contracts.Cash;
using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Tests.Projections;

/// <summary>
/// A store's day with every kind of event the reports fold, written into a <see cref="TestStore"/>'s journal: orders
/// paid by every tender, a void, a comp and a discount, a tip adjusted after the close, a refund the same day, a
/// walk-out closed with a reason, a drawer session with a pay-out, a clock-in and -out, an open order, the seal of the
/// day, and a refund of the day's order given the next day (after the seal).
/// </summary>
public static class EveryKindJournal
{
    public static readonly DateOnly Day = new(2026, 11, 25);
    public static readonly DateOnly NextDay = Day.AddDays(1);

    public static void Write(TestStore store)
    {
        var at = new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.FromHours(-5));
        var shift = store.ClockIn(Day, "ana", "Ana", at);
        var session = Guid.NewGuid();
        var drawer = CashEvents.SessionStreamOf(session);
        store.Cash(CashEvents.DrawersStream, new DrawerAssigned("front", session, "ana"), null, "ana");
        store.Cash(drawer, new DrawerSessionOpened(session, "front", "ana", "Ana", 10_000, at), Day, "ana");
        store.Cash(drawer, new DrawerCashMoved(session, Guid.NewGuid(), CashEvents.PayOut, 700, "window cleaner", at.AddMinutes(5)), Day, "ana");

        // Cash into the drawer, with change and a tip.
        var cash = store.Open(Day, employeeId: "ana");
        store.Line(cash, "burger", "Burger", 1, 1250, 825);
        store.PayIntoDrawer(cash, session, 2_000, 647, 100, "ana");
        store.Close(cash);

        // Card: a comp on the fries, 10 % off the rest, a voided soda, the tip adjusted from the slip after the close.
        var card = store.Open(Day, employeeId: "ana");
        store.Line(card, "burger", "Burger", 1, 1250, 825);
        var fries = store.Line(card, "fries", "Fries", 1, 475, 825);
        var soda = store.Line(card, "soda", "Soda", 1, 199, 0);
        store.Fire(card, fries);
        store.Void(card, soda);
        Order(store, card, new DiscountApplied(Guid.NewGuid(), fries, 10_000, null, "cold", Comp: true), Day);
        Order(store, card, new DiscountApplied(Guid.NewGuid(), null, 1_000, null, "regular", Comp: false), Day);
        var cardPayment = Guid.NewGuid();
        Order(store, card, new PaymentAdded(cardPayment, Tender.Card, 1218, 200, 0, null) { EmployeeId = "ana" }, Day, "ana");
        store.Close(card);
        Order(store, card, new TipAdjusted(cardPayment, 300, 200), Day);

        // Other tender (a gift card), refunded in part the same day.
        var other = store.Open(Day);
        store.Line(other, "salad", "Salad", 2, 900, 825);
        store.Pay(other, Tender.Other, 1949);
        store.Close(other);
        Order(store, other, new RefundRecorded(Guid.NewGuid(), 500, Tender.Other, "wilted", [], Day), Day);

        // A walk-out: closed by a manager with the balance written off.
        var walkOut = store.Open(Day);
        store.Line(walkOut, "steak", "Steak", 1, 2500, 825);
        store.Pay(walkOut, Tender.Cash, 1000);
        Order(store, walkOut, new OrderClosed(DateTimeOffset.UtcNow) { WriteOffReason = "walked out", WrittenOffMinor = 1706 }, Day);

        // A soda paid by card, refunded the next day.
        var later = store.Open(Day);
        var laterSoda = store.Line(later, "soda", "Soda", 1, 199, 0);
        store.Pay(later, Tender.Card, 199);
        store.Close(later);

        store.Cash(drawer, new DrawerSessionClosed(session, "front", "ana", 10_000, 0, 700, 1353, 100, 10_753, 10_700, -53, at.AddHours(3)), Day, "ana");
        store.Cash(CashEvents.DrawersStream, new DrawerReleased("front", session), null, "ana");
        store.ClockOut(Day, "ana", "Ana", shift, at, at.AddMinutes(190));
        store.Seal(Day);

        // The next day: the refund, and an order still open.
        Order(store, later, new RefundRecorded(Guid.NewGuid(), 199, Tender.Card, "flat", [laterSoda], NextDay), NextDay);
        var open = store.Open(NextDay);
        store.Line(open, "burger", "Burger", 2, 1250, 825);
    }

    public static void Order(TestStore store, Guid orderId, OrderEvent e, DateOnly businessDate, string? employeeId = null)
    {
        var made = OrderEvents.ToNew(e);
        store.Append(OrderEvents.StreamOf(orderId), made.Type, made.Data, businessDate, employeeId);
    }

    /// <summary>A report as the cloud's HTTP answers write it (camelCase, enums as strings).</summary>
    public static string Json<T>(T report)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        EventJson.Configure(options);
        return JsonSerializer.Serialize(report, options);
    }

    /// <summary>The stored row of a store date: its daily report and Z report (as reports), events count; null when none.</summary>
    public static async Task<(DailyReport? Report, ZReport? Z, int Events, bool RawDeleted)?> RowAsync(string connectionString, string storeId, DateOnly date)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand(
            """
            select case when f.folded then r.report::text end, case when f.folded then r.z::text end, f.events, f.raw_deleted_at is not null
            from store_day_figures f
            left join store_day_reports r on r.store_id = f.store_id and r.business_date = f.business_date
            where f.store_id = $1 and f.business_date = $2
            """);
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.AddWithValue(date);
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }
        return (reader.IsDBNull(0) ? null : JsonSerializer.Deserialize<DailyReport>(reader.GetString(0), EventJson.Options),
            reader.IsDBNull(1) ? null : JsonSerializer.Deserialize<ZReport>(reader.GetString(1), EventJson.Options),
            reader.GetInt32(2), reader.GetBoolean(3));
    }

    /// <summary>Runs SQL on the cloud's database (a test corrupting or reading it on purpose).</summary>
    public static async Task<object?> SqlAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand(sql);
        foreach (var p in parameters)
        {
            cmd.Parameters.AddWithValue(p);
        }
        return await cmd.ExecuteScalarAsync();
    }
}
