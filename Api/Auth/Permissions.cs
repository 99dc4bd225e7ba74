using static Pos.Api.Auth.Verdict;
using P = Pos.Contracts.Permissions.PermissionNames;

namespace Pos.Api.Auth;

/// <summary>What the permission table says of a role and a permission.</summary>
public enum Verdict
{
    /// <summary>The role may do it.</summary>
    Allowed,

    /// <summary>The role may do it with a manager's approval (the manager's PIN in <c>Pos-Approval</c>, on a single route).</summary>
    NeedsApproval,

    /// <summary>The role may not do it.</summary>
    Refused,
}

/// <summary>One permission: what it covers and each role's verdict (the admin token may do everything).</summary>
public sealed record PermissionRow(
    string Name, string Covers, Verdict Manager, Verdict Server, Verdict Bartender, Verdict Kitchen, Verdict Integration)
{
    public Verdict For(string role) => role switch
    {
        Roles.Admin => Allowed,
        Roles.Manager => Manager,
        Roles.Server => Server,
        Roles.Bartender => Bartender,
        Roles.Kitchen => Kitchen,
        Roles.Integration => Integration,
        _ => Refused,
    };
}

/// <summary>The roles a request can act with: the admin token, a device's role, or a signed-in person's.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Server = "server";
    public const string Bartender = "bartender";
    public const string Kitchen = "kitchen";
    public const string Integration = "integration";

    /// <summary>Every role, in the order the table's columns list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Manager, Server, Bartender, Kitchen, Integration];
}

/// <summary>
/// The permission table: the one place that says who may do what. Every route names the permission it needs
/// (<see cref="PermissionAuthorization.RequiresPermission{TBuilder}"/>) and every command of a device's batch maps to
/// one (<see cref="OfCommand"/>); a permission's row gives each role's verdict. Decided on the request's effective role
/// alone (<c>user.Role()</c>: a signed-in person's, else the device's). docs/SECURITY.md shows this table, and a test
/// fails when the two differ. An unknown role, permission or command is refused.
/// </summary>
public static class Permissions
{
    private static readonly PermissionRow[] Rows =
    [
        new(P.MenuRead, "read the menu", Allowed, Allowed, Allowed, Allowed, Allowed),
        new(P.MenuWrite, "replace the menu", Allowed, Refused, Refused, Refused, Refused),
        new(P.MenuAvailability, "mark an item sold out or available (the 86)", Allowed, NeedsApproval, Allowed, Allowed, Refused),
        new(P.OrdersRead, "read orders", Allowed, Allowed, Allowed, Allowed, Allowed),
        new(P.OrdersWrite, "open an order, add lines, fire, close; split, move lines, merge, transfer to another table or server, print the check", Allowed, Allowed, Allowed, Refused, Allowed),
        new(P.LinesVoid, "void a line not fired yet", Allowed, Allowed, Allowed, Refused, Allowed),
        new(P.LinesVoidFired, "void a line already fired to the kitchen", Allowed, NeedsApproval, NeedsApproval, Refused, NeedsApproval),
        new(P.OrdersCloseOut, "at the end of the day: carry an open order over to the next business date, or close it with a reason (a walk-out)", Allowed, NeedsApproval, NeedsApproval, Refused, NeedsApproval),
        new(P.OrdersReopen, "reopen a closed order", Allowed, NeedsApproval, NeedsApproval, Refused, NeedsApproval),
        new(P.DiscountsApply, "a discount up to the store's threshold", Allowed, Allowed, Allowed, Refused, Allowed),
        new(P.DiscountsAboveThreshold, "a discount above the threshold, or a comp", Allowed, NeedsApproval, NeedsApproval, Refused, NeedsApproval),
        new(P.PaymentsTake, "take a payment", Allowed, Allowed, Allowed, Refused, Allowed),
        new(P.PaymentsRefund, "refund a payment", Allowed, NeedsApproval, NeedsApproval, Refused, NeedsApproval),
        new(P.PaymentsAdjustTip, "change a payment's tip", Allowed, NeedsApproval, NeedsApproval, Refused, NeedsApproval),
        new(P.CashDrawer, "open, pay in or out of, count and close a cash drawer", Allowed, Allowed, Allowed, Refused, Refused),
        new(P.PrintersRead, "read the printers, their health and their jobs", Allowed, Allowed, Allowed, Allowed, Refused),
        new(P.PrintersConfigure, "add, change or remove a printer (its address, its confirmation mode)", Allowed, Refused, Refused, Refused, Refused),
        new(P.PrintersReprint, "print a ticket again", Allowed, NeedsApproval, NeedsApproval, NeedsApproval, Refused),
        new(P.JournalRead, "read the journal", Allowed, Refused, Refused, Refused, Refused),
        new(P.EventsRead, "follow the live event stream", Allowed, Allowed, Allowed, Allowed, Allowed),
        new(P.ReportsRead, "read the day's reports", Allowed, Refused, Refused, Refused, Refused),
        new(P.SyncStatus, "read how far the cloud's copy is behind", Allowed, Allowed, Allowed, Allowed, Allowed),
        new(P.SyncCommands, "send a device's queued commands (each command needs its own permission too)", Allowed, Allowed, Allowed, Refused, Allowed),
        new(P.DevicesRegister, "register a device with a token (the admin only)", Refused, Refused, Refused, Refused, Refused),
        new(P.DevicesManage, "list devices, make pairing codes, revoke a device", Allowed, Refused, Refused, Refused, Refused),
        new(P.AdminTokenRotate, "rotate the admin token (the admin only)", Refused, Refused, Refused, Refused, Refused),
        new(P.StaffManage, "add or change employees, their roles and PINs", Allowed, Refused, Refused, Refused, Refused),
        new(P.StaffSignIn, "sign a person in on the device with their PIN", Allowed, Allowed, Allowed, Allowed, Refused),
        new(P.StaffClock, "clock in and out", Allowed, Allowed, Allowed, Allowed, Refused),
    ];

    private static readonly Dictionary<string, PermissionRow> ByName = Rows.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>The permission each command needs, by the name a device's batch gives it (and the single routes' telemetry).</summary>
    private static readonly Dictionary<string, string> Commands = new(StringComparer.Ordinal)
    {
        ["open"] = P.OrdersWrite,
        ["open-order"] = P.OrdersWrite,
        ["add-line"] = P.OrdersWrite,
        ["fire"] = P.OrdersWrite,
        ["close"] = P.OrdersWrite,
        ["split"] = P.OrdersWrite,
        ["move-lines"] = P.OrdersWrite,
        ["merge"] = P.OrdersWrite,
        ["transfer"] = P.OrdersWrite,
        ["carry-over"] = P.OrdersCloseOut,
        ["close-with-reason"] = P.OrdersCloseOut,
        ["print-check"] = P.OrdersWrite,
        ["print-receipt"] = P.OrdersWrite,
        ["void-line"] = P.LinesVoid,
        ["reopen"] = P.OrdersReopen,
        ["discounts"] = P.DiscountsApply,
        ["remove-discount"] = P.DiscountsApply,
        ["add-payment"] = P.PaymentsTake,
        ["refunds"] = P.PaymentsRefund,
        ["tip"] = P.PaymentsAdjustTip,
        ["replace-menu"] = P.MenuWrite,
        ["item-availability"] = P.MenuAvailability,
        ["configure-printer"] = P.PrintersConfigure,
        ["remove-printer"] = P.PrintersConfigure,
        ["reprint"] = P.PrintersReprint,
    };

    /// <summary>Every permission, in the table's order.</summary>
    public static IReadOnlyList<PermissionRow> All => Rows;

    /// <summary>Every command name and the permission it needs.</summary>
    public static IReadOnlyDictionary<string, string> CommandPermissions => Commands;

    public static bool IsKnown(string permission) => ByName.ContainsKey(permission);

    /// <summary>What <paramref name="role"/> may do about <paramref name="permission"/>: refused when either is unknown.</summary>
    public static Verdict VerdictOf(string role, string permission) =>
        ByName.TryGetValue(permission, out var row) ? row.For(role) : Refused;

    /// <summary>The permission a command needs; an unknown command needs one nobody has.</summary>
    public static string OfCommand(string command) => Commands.GetValueOrDefault(command, $"command.{command}");
}
