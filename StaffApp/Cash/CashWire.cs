namespace Pos.StaffApp.Cash;

// The cash routes' JSON as the staff app reads and writes it (the contract of /work/notes/cash.md: drawers, drawer
// sessions, movements, the Z report; money in minor units). Ids are read as strings, whatever the appliance makes them;
// lists and figures an answer leaves out read as empty and zero.

/// <summary>A cash drawer, wired to a receipt printer (the kick goes through it), with its open session if any.</summary>
public sealed record DrawerView(string DrawerId, string Name, string? PrinterId, int Pin, DrawerSessionView? OpenSession);

/// <summary>Adds or changes a drawer (a manager's): its name, the receipt printer that kicks it and the pin (0 or 1) it opens on.</summary>
public sealed record DrawerRequest(string Name, string PrinterId, int Pin);

public sealed record DrawerList(IReadOnlyList<DrawerView>? Drawers);

/// <summary>A person's session on a drawer, from the float to the count.</summary>
public sealed record DrawerSessionView(
    string SessionId, string DrawerId, string EmployeeId, string? EmployeeName, string Status, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
    long FloatMinor, long PayInsMinor, long PayOutsMinor, long CashSalesMinor, long? CashTipsMinor, long ExpectedMinor,
    long? CountedMinor, long? OverShortMinor, IReadOnlyList<DrawerMovementView>? Movements)
{
    public bool Open => Status == "open";
}

public sealed record DrawerMovementView(string MovementId, string Kind, long AmountMinor, string? Reason, DateTimeOffset At);

public sealed record DrawerSessionList(IReadOnlyList<DrawerSessionView>? Sessions);

public sealed record OpenDrawerSessionRequest(string SessionId, long FloatMinor, string? EmployeeId = null);

public sealed record DrawerMovementRequest(string MovementId, string Kind, long AmountMinor, string? Reason);

public sealed record CloseDrawerSessionRequest(long CountedMinor);

public sealed record DrawerKickRequest(string Reason);

/// <summary>The end of a business day: sales, tenders, voids and the rest, by employee, by hour, and each drawer's over/short.</summary>
public sealed record ZReport(
    string BusinessDate, string Currency, long ThroughSeq, long OrdersClosed, long GrossSalesMinor, long NetSalesMinor, long TaxMinor,
    long TipsMinor, ZTenders? Tenders, long VoidsMinor, long VoidCount, long CompsMinor, long DiscountsMinor, long RefundsMinor,
    long NoSaleCount, long UnassignedCashMinor, IReadOnlyList<ZEmployee>? ByEmployee, IReadOnlyList<ZHour>? ByHour,
    IReadOnlyList<ZDrawer>? Drawers, long OverShortMinor);

public sealed record ZTenders(long Cash, long Card, long Other);

public sealed record ZEmployee(
    string EmployeeId, string? Name, long OrdersClosed, long NetSalesMinor, long TipsMinor, long CashMinor, long CardMinor, long OtherMinor,
    long VoidsMinor, long MinutesWorked);

public sealed record ZHour(string Hour, long OrdersClosed, long NetSalesMinor);

public sealed record ZDrawer(
    string SessionId, string DrawerId, string EmployeeId, long FloatMinor, long PayInsMinor, long PayOutsMinor, long CashSalesMinor,
    long ExpectedMinor, long? CountedMinor, long? OverShortMinor);

public sealed record PrintZReportRequest(string BusinessDate, string? PrinterId = null);

public sealed record PrintQueued(string? JobId);
