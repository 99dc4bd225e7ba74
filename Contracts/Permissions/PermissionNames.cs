namespace Pos.Contracts.Permissions;

/// <summary>
/// The named permissions of the store: what a role may do. Each route and each command of a device's batch needs one
/// (the appliance's permission table says, per role, whether it is allowed, needs a manager's approval, or is refused).
/// A refusal names the permission in the problem (member <c>permission</c>) and in the journal's
/// <see cref="PermissionRefused"/>. Names are part of the wire: never rename one.
/// </summary>
public static class PermissionNames
{
    public const string MenuRead = "menu.read";
    public const string MenuWrite = "menu.write";
    public const string MenuAvailability = "menu.availability";
    public const string OrdersRead = "orders.read";
    public const string OrdersWrite = "orders.write";
    public const string LinesVoid = "lines.void";
    public const string LinesVoidFired = "lines.void-fired";
    public const string OrdersReopen = "orders.reopen";
    public const string OrdersCloseOut = "orders.close-out";
    public const string DiscountsApply = "discounts.apply";
    public const string DiscountsAboveThreshold = "discounts.above-threshold";
    public const string PaymentsTake = "payments.take";
    public const string PaymentsRefund = "payments.refund";
    public const string PaymentsAdjustTip = "payments.adjust-tip";
    public const string CashDrawer = "cash.drawer";
    public const string PrintersRead = "printers.read";
    public const string PrintersConfigure = "printers.configure";
    public const string PrintersReprint = "printers.reprint";
    public const string JournalRead = "journal.read";
    public const string EventsRead = "events.read";
    public const string ReportsRead = "reports.read";
    public const string SyncStatus = "sync.status";
    public const string SyncCommands = "sync.commands";
    public const string DevicesRegister = "devices.register";
    public const string DevicesManage = "devices.manage";
    public const string AdminTokenRotate = "admin-token.rotate";
    public const string StaffManage = "staff.manage";
    public const string StaffSignIn = "staff.sign-in";
    public const string StaffClock = "staff.clock";
}
