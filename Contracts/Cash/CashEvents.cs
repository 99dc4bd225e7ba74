using Pos.Contracts.Journal;

namespace Pos.Contracts.Cash;

/// <summary>
/// A change to the store's cash drawers, as stored in the journal. The drawers' configuration and which session holds
/// each drawer are in the stream <c>drawers</c> (one stream for the store, so "one open session per drawer and per
/// person" is decided against one version); a session's own events in <c>drawer-session-{sessionId}</c>; each no-sale
/// opening in a stream of its own, <c>drawer-kick-{kickId}</c>. Money in minor units.
/// </summary>
public abstract record CashEvent;

/// <summary>A drawer was added or changed: it hangs on the receipt printer <c>PrinterId</c>, whose pin <c>Pin</c> (0 or 1) kicks it.</summary>
public sealed record DrawerConfigured(string DrawerId, string Name, string PrinterId, int Pin) : CashEvent;

/// <summary>Session <c>SessionId</c> took the drawer (written with the session's opening, in the drawers' stream).</summary>
public sealed record DrawerAssigned(string DrawerId, Guid SessionId, string EmployeeId) : CashEvent;

/// <summary>Session <c>SessionId</c> gave the drawer back (written with the session's close, in the drawers' stream).</summary>
public sealed record DrawerReleased(string DrawerId, Guid SessionId) : CashEvent;

/// <summary>A person's drawer session began with <c>FloatMinor</c> in the drawer. Counts for the business date of <c>OpenedAt</c>.</summary>
public sealed record DrawerSessionOpened(
    Guid SessionId, string DrawerId, string EmployeeId, string EmployeeName, long FloatMinor, DateTimeOffset OpenedAt) : CashEvent;

/// <summary>Cash put in (<c>pay-in</c>) or taken out (<c>pay-out</c>, with its reason) of the drawer during a session.</summary>
public sealed record DrawerCashMoved(Guid SessionId, Guid MovementId, string Kind, long AmountMinor, string? Reason, DateTimeOffset At) : CashEvent;

/// <summary>
/// A cash payment went into the session's drawer: <c>CashMinor</c> is what stayed in it for the bill (tendered minus
/// change), <c>TipMinor</c> the cash tip on top. Written with the payment, in the same transaction, on the session's
/// version: a payment that races the close lands in the session before it closes or in none.
/// </summary>
public sealed record DrawerCashTaken(Guid SessionId, Guid OrderId, Guid PaymentId, long CashMinor, long TipMinor) : CashEvent;

/// <summary>
/// The session was counted and closed. <c>ExpectedMinor</c> (whole minor units) = the opening cash (the change the drawer began with) + pay-ins - pay-outs + cash sales + cash tips;
/// <c>OverShortMinor</c> = counted - expected (negative: short). Counts for the business date of the opening (or, when
/// that date is sealed already, of the close).
/// </summary>
public sealed record DrawerSessionClosed(
    Guid SessionId, string DrawerId, string EmployeeId, long FloatMinor, long PayInsMinor, long PayOutsMinor, long CashSalesMinor,
    long CashTipsMinor, long ExpectedMinor, long CountedMinor, long OverShortMinor, DateTimeOffset ClosedAt) : CashEvent;

/// <summary>The drawer was opened without a sale (the no-sale key), for <c>Reason</c>: a print job <c>JobId</c> kicked it.</summary>
public sealed record DrawerKicked(Guid KickId, string DrawerId, string PrinterId, int Pin, string Reason, Guid? SessionId, Guid JobId) : CashEvent;

/// <summary>Stream names and JSON of the cash events.</summary>
public static class CashEvents
{
    public const string DrawersStream = "drawers";
    public const string SessionStreamPrefix = "drawer-session-";
    public const string KickStreamPrefix = "drawer-kick-";

    public const string PayIn = "pay-in";
    public const string PayOut = "pay-out";

    private static readonly EventTypes<CashEvent> Types = new(
        "a cash", typeof(DrawerConfigured), typeof(DrawerAssigned), typeof(DrawerReleased), typeof(DrawerSessionOpened),
        typeof(DrawerCashMoved), typeof(DrawerCashTaken), typeof(DrawerSessionClosed), typeof(DrawerKicked));

    public static string SessionStreamOf(Guid sessionId) => SessionStreamPrefix + sessionId.ToString("D");

    public static string KickStreamOf(Guid kickId) => KickStreamPrefix + kickId.ToString("D");

    public static bool IsCashEvent(string type) => Types.Contains(type);

    public static NewEvent ToNew(CashEvent e) => Types.ToNew(e);

    public static CashEvent FromJournal(string type, string data) => Types.FromJournal(type, data);
}
