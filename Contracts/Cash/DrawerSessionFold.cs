using Pos.Contracts.Journal;

namespace Pos.Contracts.Cash;

/// <summary>
/// One drawer session folded from its events (its stream, or the events of a business date): shared by the appliance
/// (a session's answer) and the Z report, in the store and in the cloud, so the figures agree everywhere.
/// </summary>
public sealed class DrawerSessionFold
{
    private readonly List<DrawerMovementView> _movements = [];
    private readonly HashSet<Guid> _payments = [];

    public DrawerSessionOpened? Opened { get; private set; }
    public DrawerSessionClosed? Closed { get; private set; }
    public int Version { get; private set; }
    public DateOnly? BusinessDate { get; private set; }
    public long PayIns { get; private set; }
    public long PayOuts { get; private set; }
    public long CashSales { get; private set; }
    public long CashTips { get; private set; }
    public IReadOnlyList<DrawerMovementView> Movements => _movements;
    public bool IsOpen => Opened is not null && Closed is null;

    /// <summary>Float + pay-ins - pay-outs + cash sales + cash tips: what the drawer should hold.</summary>
    public long Expected => checked((Opened?.FloatMinor ?? 0) + PayIns - PayOuts + CashSales + CashTips);

    public static DrawerSessionFold Of(IEnumerable<JournalEntry> stream)
    {
        var fold = new DrawerSessionFold();
        foreach (var entry in stream)
        {
            fold.Apply(entry);
        }
        return fold;
    }

    public void Apply(JournalEntry entry) =>
        Apply(CashEvents.FromJournal(entry.Type, entry.Data), entry.StreamVersion, entry.BusinessDate);

    /// <summary>
    /// Takes one event of the session at <paramref name="version"/> of its stream; the session counts for the business
    /// date of its opening (the first date seen).
    /// </summary>
    public void Apply(CashEvent e, int version, DateOnly? businessDate)
    {
        Version = Math.Max(Version, version);
        if (businessDate is { } date && (BusinessDate is null || e is DrawerSessionOpened))
        {
            BusinessDate = date;
        }
        checked
        {
            switch (e)
            {
                case DrawerSessionOpened opened:
                    Opened = opened;
                    break;
                case DrawerCashMoved moved when _movements.TrueForAll(m => m.MovementId != moved.MovementId):
                    _movements.Add(new DrawerMovementView(moved.MovementId, moved.Kind, moved.AmountMinor, moved.Reason, moved.At));
                    if (moved.Kind == CashEvents.PayIn)
                    {
                        PayIns += moved.AmountMinor;
                    }
                    else
                    {
                        PayOuts += moved.AmountMinor;
                    }
                    break;
                case DrawerCashTaken taken when _payments.Add(taken.PaymentId):
                    CashSales += taken.CashMinor;
                    CashTips += taken.TipMinor;
                    break;
                case DrawerSessionClosed closed:
                    Closed = closed;
                    break;
            }
        }
    }

    /// <summary>The session as it stands; once closed, its figures are the close's (what was decided and counted then).</summary>
    public DrawerSessionView ToView() => Closed is { } c
        ? new DrawerSessionView(c.SessionId, c.DrawerId, c.EmployeeId, Opened?.EmployeeName ?? c.EmployeeId, CashLimits.Closed,
            Opened?.OpenedAt ?? c.ClosedAt, c.ClosedAt, c.FloatMinor, c.PayInsMinor, c.PayOutsMinor, c.CashSalesMinor, c.CashTipsMinor,
            c.ExpectedMinor, c.CountedMinor, c.OverShortMinor, [.. _movements]) { BusinessDate = BusinessDate, Version = Version }
        : new DrawerSessionView(Opened!.SessionId, Opened.DrawerId, Opened.EmployeeId, Opened.EmployeeName, CashLimits.Open,
            Opened.OpenedAt, null, Opened.FloatMinor, PayIns, PayOuts, CashSales, CashTips, Expected, null, null, [.. _movements])
        { BusinessDate = BusinessDate, Version = Version };
}
