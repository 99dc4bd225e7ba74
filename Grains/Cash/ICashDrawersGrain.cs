using Pos.Contracts.Cash;
using Pos.Contracts.Problems;
using Pos.Grains.Commands;

namespace Pos.Grains.Cash;

/// <summary>
/// The store's cash drawers and their sessions, one grain per store (key <see cref="Key"/>): every decision about
/// who holds which drawer is made here, one at a time, and checked by the journal against the version of the
/// <c>drawers</c> stream it was made on, so two devices opening the same drawer (or one person two drawers) never both win.
/// </summary>
public interface ICashDrawersGrain : IGrainWithStringKey
{
    public const string Key = "store";

    /// <summary>Every drawer, with the session that holds it.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<DrawerList> List();

    /// <summary>Adds or changes a drawer (a DrawerConfigured event); its printer must be configured.</summary>
    Task<DrawerResult> Configure(DrawerSetup drawer, CommandContext context);

    /// <summary>Opens a session of <c>EmployeeId</c> on a drawer with a float.</summary>
    Task<DrawerSessionResult> Open(OpenDrawerSession command, CommandContext context);

    /// <summary>Records a pay-in or a pay-out on an open session.</summary>
    Task<DrawerSessionResult> Move(MoveDrawerCash command, CommandContext context);

    /// <summary>Closes an open session with the amount counted: expected and over/short go in the close event.</summary>
    Task<DrawerSessionResult> Close(Guid sessionId, long countedMinor, CommandContext context);

    /// <summary>A session, open or closed; null when there is none.</summary>
    Task<DrawerSessionView?> Get(Guid sessionId);

    /// <summary>
    /// Sessions, oldest first: the open ones (of <paramref name="businessDate"/> when given), the closed ones of
    /// <paramref name="businessDate"/> (today's when null), or both (<paramref name="open"/> null).
    /// </summary>
    Task<IReadOnlyList<DrawerSessionView>> Sessions(bool? open, DateOnly? businessDate);

    /// <summary>Opens a drawer without a sale: journaled (DrawerKicked) with the print job that kicks it.</summary>
    Task<DrawerKickResult> Kick(string drawerId, string reason, CommandContext context);

    /// <summary>The open session of <paramref name="employeeId"/> that a cash payment of theirs goes into, or null.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<CashTill?> TillOf(string employeeId);

    /// <summary>A cash payment's DrawerCashTaken was committed at <paramref name="version"/> of its session.</summary>
    Task CashTaken(DrawerCashTaken taken, int version);

    /// <summary>Reads a session again from the journal (its version was not the one a payment expected).</summary>
    Task Reload(Guid sessionId);
}

/// <summary>A drawer to add or change.</summary>
[GenerateSerializer, Immutable, Alias("pos.drawer-setup")]
public sealed record DrawerSetup([property: Id(0)] string DrawerId, [property: Id(1)] string Name, [property: Id(2)] string PrinterId, [property: Id(3)] int Pin);

/// <summary>Opens a session under an id the client chose, for an employee (their name as the roster has it).</summary>
[GenerateSerializer, Immutable, Alias("pos.open-drawer-session")]
public sealed record OpenDrawerSession(
    [property: Id(0)] Guid SessionId, [property: Id(1)] string DrawerId, [property: Id(2)] string EmployeeId,
    [property: Id(3)] string EmployeeName, [property: Id(4)] long FloatMinor);

/// <summary>A pay-in or a pay-out under an id the client chose.</summary>
[GenerateSerializer, Immutable, Alias("pos.move-drawer-cash")]
public sealed record MoveDrawerCash(
    [property: Id(0)] Guid SessionId, [property: Id(1)] Guid MovementId, [property: Id(2)] string Kind,
    [property: Id(3)] long AmountMinor, [property: Id(4)] string? Reason);

/// <summary>Where a cash payment's cash goes: the session (at its version) and the printer and pin that kick its drawer.</summary>
[GenerateSerializer, Immutable, Alias("pos.cash-till")]
public sealed record CashTill(
    [property: Id(0)] Guid SessionId, [property: Id(1)] int Version, [property: Id(2)] string DrawerId,
    [property: Id(3)] string PrinterId, [property: Id(4)] int Pin);

[GenerateSerializer, Immutable, Alias("pos.drawer-result")]
public sealed record DrawerResult([property: Id(0)] DrawerView? Drawer, [property: Id(1)] CommandError? Error);

[GenerateSerializer, Immutable, Alias("pos.drawer-session-result")]
public sealed record DrawerSessionResult([property: Id(0)] DrawerSessionView? Session, [property: Id(1)] CommandError? Error, [property: Id(2)] bool Created = false);

[GenerateSerializer, Immutable, Alias("pos.drawer-kick-result")]
public sealed record DrawerKickResult([property: Id(0)] DrawerKickView? Kick, [property: Id(1)] CommandError? Error);
