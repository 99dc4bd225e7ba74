using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Pos.Contracts.Cash;

/// <summary>
/// Adds or changes a drawer (PUT /api/v1/drawers/{drawerId}, a manager): it hangs on the receipt printer
/// <c>printerId</c>, whose pin <c>pin</c> (0 or 1; 0 by default) kicks it open with ESC p.
/// </summary>
public sealed record DrawerRequest(
    [property: Required, StringLength(CashLimits.MaxName, MinimumLength = 1)] string? Name,
    [property: Required, StringLength(CashLimits.MaxIdLength, MinimumLength = 1)] string? PrinterId,
    [property: Range(0, 1), DefaultValue(0)] int? Pin = null);

/// <summary>A drawer, and the session that holds it now, if one does.</summary>
public sealed record DrawerView(string DrawerId, string Name, string PrinterId, int Pin, DrawerSessionView? OpenSession);

/// <summary>Every drawer of the store, by drawerId.</summary>
public sealed record DrawerList(IReadOnlyList<DrawerView> Drawers);

/// <summary>
/// Opens a drawer session (POST /api/v1/drawers/{drawerId}/sessions) under a <c>sessionId</c> the client chose, with
/// <c>floatMinor</c> in the drawer: for the person signed in, or, sent by a manager, for <c>employeeId</c>.
/// </summary>
public sealed record OpenDrawerSessionRequest(
    [property: Required] Guid? SessionId,
    [property: Required, Range(0, CashLimits.MaxAmountMinor)] long? FloatMinor,
    [property: StringLength(CashLimits.MaxIdLength)] string? EmployeeId = null);

/// <summary>
/// Cash put in or taken out of the drawer (POST /api/v1/drawer-sessions/{sessionId}/movements) under a
/// <c>movementId</c> the client chose. A pay-out says why (<c>reason</c>).
/// </summary>
public sealed record DrawerMovementRequest(
    [property: Required] Guid? MovementId,
    [property: Required, AllowedValues("pay-in", "pay-out")] string? Kind,
    [property: Required, Range(1, CashLimits.MaxAmountMinor)] long? AmountMinor,
    [property: StringLength(CashLimits.MaxReason)] string? Reason = null);

/// <summary>Closes a drawer session with the cash counted in the drawer (POST /api/v1/drawer-sessions/{sessionId}/close).</summary>
public sealed record CloseDrawerSessionRequest([property: Required, Range(0, CashLimits.MaxAmountMinor)] long? CountedMinor);

/// <summary>Opens a drawer without a sale (POST /api/v1/drawers/{drawerId}/kick): why.</summary>
public sealed record KickDrawerRequest([property: Required, StringLength(CashLimits.MaxReason, MinimumLength = 1)] string? Reason);

/// <summary>A no-sale opening: journaled, counted in the Z report; the print job that kicks the drawer.</summary>
public sealed record DrawerKickView(Guid KickId, string DrawerId, string PrinterId, int Pin, Guid JobId, DateTimeOffset At);

/// <summary>Cash put in or taken out of a drawer during a session.</summary>
public sealed record DrawerMovementView(Guid MovementId, string Kind, long AmountMinor, string? Reason, DateTimeOffset At);

/// <summary>
/// A person's drawer session. <c>expectedMinor</c> (whole minor units) = the opening cash (the change the drawer began with) + pay-ins - pay-outs + cash sales (tendered minus change) +
/// cash tips; once closed, <c>countedMinor</c> is what was counted and <c>overShortMinor</c> = counted - expected
/// (negative: short).
/// </summary>
public sealed record DrawerSessionView(
    Guid SessionId, string DrawerId, string EmployeeId, string EmployeeName, string Status, DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt, long FloatMinor, long PayInsMinor, long PayOutsMinor, long CashSalesMinor, long CashTipsMinor,
    long ExpectedMinor, long? CountedMinor, long? OverShortMinor, IReadOnlyList<DrawerMovementView> Movements)
{
    /// <summary>The business date the session counts for (that of its opening).</summary>
    public DateOnly? BusinessDate { get; init; }

    /// <summary>The session's version (its stream's): grows with each movement, cash sale and the close.</summary>
    public int Version { get; init; }
}

/// <summary>Drawer sessions, oldest first.</summary>
public sealed record DrawerSessionList(IReadOnlyList<DrawerSessionView> Sessions);

/// <summary>Prints the Z report of a business date (POST /api/v1/reports/z/print) on a receipt printer (the first drawer's when not given).</summary>
public sealed record PrintZReportRequest(
    [property: Required, DataType(DataType.Date)] string? BusinessDate,
    [property: StringLength(CashLimits.MaxIdLength)] string? PrinterId = null);

/// <summary>A print job queued (a report to print): its id and the printer it went to.</summary>
public sealed record PrintJobAccepted(Guid JobId, string PrinterId);

/// <summary>Bounds of the cash requests.</summary>
public static class CashLimits
{
    public const int MaxIdLength = 64;
    public const int MaxName = 100;
    public const int MaxReason = 200;

    /// <summary>The most one float, movement or count may be (minor units): a drawer, not a vault.</summary>
    public const long MaxAmountMinor = 100_000_000;

    public const string Open = "open";
    public const string Closed = "closed";

    /// <summary>Whether <paramref name="id"/> is 1 to 64 letters, digits, '-' or '_' (a drawer's or a printer's id).</summary>
    public static bool IsId(string? id) =>
        id is { Length: >= 1 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
