namespace Pos.Contracts.Problems;

/// <summary>Stable problem codes. Clients switch on these; never rename one.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation-failed";
    public const string MalformedJson = "malformed-json";
    public const string OrderNotFound = "order-not-found";
    public const string OrderExists = "order-exists";
    public const string OrderClosed = "order-closed";
    public const string UnknownMenuItem = "unknown-menu-item";
    public const string MenuNotSet = "menu-not-set";
    public const string LineNotFound = "line-not-found";
    public const string LineExists = "line-exists";
    public const string PaymentExists = "payment-exists";
    public const string Overpayment = "overpayment";
    public const string LinePaid = "line-paid";
    public const string BalanceNotZero = "balance-not-zero";
    public const string VersionMismatch = "version-mismatch";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string IdempotencyKeyInFlight = "idempotency-key-in-flight";
    public const string JournalUnavailable = "journal-unavailable";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";

    /// <summary>The caller's role lacks a permission (named in the problem's <c>permission</c> member): 403.</summary>
    public const string PermissionDenied = "permission-denied";
    public const string NotFound = "not-found";
    public const string PrinterNotFound = "printer-not-found";
    public const string PrintJobNotFound = "print-job-not-found";
    public const string UnknownPrinter = "unknown-printer";
    public const string NoReceiptPrinter = "no-receipt-printer";
    public const string NothingPaid = "nothing-paid";

    /// <summary>A printer is not removed while another printer names it as its backup (the problem names which): 409.</summary>
    public const string PrinterIsBackup = "printer-is-backup";

    /// <summary>A printer holding unprinted tickets that no printer can take is not removed without force: 409.</summary>
    public const string PrinterHasJobs = "printer-has-jobs";
    public const string DeviceExists = "device-exists";
    public const string BusinessDaySealed = "business-day-sealed";
    public const string OrderTotalTooLarge = "order-total-too-large";
    public const string OrderFull = "order-full";
    public const string InternalError = "internal-error";
    public const string BusinessDayFull = "business-day-full";
    public const string JournalRefused = "journal-refused";
    public const string BodyTooLarge = "body-too-large";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string TooManyFailedAttempts = "too-many-failed-attempts";
    public const string TooManyEventStreams = "too-many-event-streams";
    public const string PairingCodeInvalid = "pairing-code-invalid";
    public const string DeviceNotFound = "device-not-found";
    public const string AdminTokenNotRotatable = "admin-token-not-rotatable";
    // People: PINs, sessions, clocking in and out.
    public const string PinInvalid = "pin-invalid";
    public const string PinLocked = "pin-locked";
    public const string PinTaken = "pin-taken";
    public const string ApproverNotManager = "approver-not-manager";
    public const string EmployeeNotFound = "employee-not-found";
    public const string EmployeeInactive = "employee-inactive";
    public const string AlreadyClockedIn = "already-clocked-in";
    public const string NotClockedIn = "not-clocked-in";
    public const string NoStaffSession = "no-staff-session";
    // Cash: drawers and their sessions.
    public const string DrawerNotFound = "drawer-not-found";
    public const string DrawerInUse = "drawer-in-use";
    public const string DrawerSessionOpen = "drawer-session-open";
    public const string DrawerSessionClosed = "drawer-session-closed";
    public const string DrawerSessionNotFound = "drawer-session-not-found";
    public const string DrawerSessionExists = "drawer-session-exists";
    public const string MovementExists = "movement-exists";
    /// <summary>The request's body came slower than the appliance waits for (408; POS_MIN_BODY_RATE).</summary>
    public const string RequestTimeout = "request-timeout";
    /// <summary>The device sent writes faster than its limit (429, with Retry-After).</summary>
    public const string TooManyWrites = "too-many-writes";
    /// <summary>A free-text field holds what looks like a payment card number (400; the problem names the field).</summary>
    public const string CardDataRefused = "card-data-refused";

    // Checks moved, split, merged and carried over (issue 14).
    public const string LineMoved = "line-moved";
    public const string LineVoided = "line-voided";
    public const string BusinessDayNotOver = "business-day-not-over";
    /// <summary>The item is 86'd: set sold out, or its count is down to 0 (409).</summary>
    public const string ItemSoldOut = "item-sold-out";
    /// <summary>The item is counted and fewer are left than the line's quantity (409, with <c>remaining</c>).</summary>
    public const string NotEnoughLeft = "not-enough-left";
    // Discounts, refunds and tips (issue 14).
    /// <summary>A discountId already used on the order with other details (409).</summary>
    public const string DiscountExists = "discount-exists";
    /// <summary>No discount with this id on the order (404).</summary>
    public const string DiscountNotFound = "discount-not-found";
    /// <summary>The discount would take more than what remains of the net it is on (409).</summary>
    public const string DiscountTooLarge = "discount-too-large";
    /// <summary>Payments already taken cover more than the order would total after the discount (409).</summary>
    public const string DiscountBelowPaid = "discount-below-paid";
    /// <summary>A refund is given on a closed order only (409).</summary>
    public const string OrderNotClosed = "order-not-closed";
    /// <summary>A refundId already used on the order with other details (409).</summary>
    public const string RefundExists = "refund-exists";
    /// <summary>The refund is more than what was paid less what was refunded, or more than its lines are worth (409).</summary>
    public const string RefundExceedsPaid = "refund-exceeds-paid";
    /// <summary>No payment with this id on the order (404).</summary>
    public const string PaymentNotFound = "payment-not-found";
    /// <summary>A cash payment's tip is in the drawer: it cannot be adjusted (409).</summary>
    public const string TipNotAdjustable = "tip-not-adjustable";
}
