using Pos.Contracts.Problems;


namespace Pos.Api.Problems;

/// <summary>Every problem code the API answers with: its HTTP status and title. The type URI is stable per code.</summary>
public static class ProblemCatalog
{
    public const string TypePrefix = "https://pos-appliance.dev/problems/";

    private static readonly Dictionary<string, (int Status, string Title)> Entries = new(StringComparer.Ordinal)
    {
        [ErrorCodes.ValidationFailed] = (400, "The request is not valid"),
        [ErrorCodes.MalformedJson] = (400, "The body is not valid JSON"),
        [ErrorCodes.CardDataRefused] = (400, "Card numbers are not taken"),
        [ErrorCodes.Unauthorized] = (401, "A valid bearer token is required"),
        [ErrorCodes.Forbidden] = (403, "This device may not do that"),
        [ErrorCodes.PermissionDenied] = (403, "The role this request acts with lacks a permission"),
        [ErrorCodes.NotFound] = (404, "Not found"),
        [ErrorCodes.PairingCodeInvalid] = (401, "The pairing code is wrong, used or expired"),
        [ErrorCodes.DeviceNotFound] = (404, "No such device"),
        [ErrorCodes.MethodNotAllowed] = (405, "This route does not take that method"),
        [ErrorCodes.UnsupportedMediaType] = (415, "The body must be JSON"),
        [ErrorCodes.OrderNotFound] = (404, "No such order"),
        [ErrorCodes.LineNotFound] = (404, "No such line on the order"),
        [ErrorCodes.MenuNotSet] = (404, "No menu has been set"),
        [ErrorCodes.PrinterNotFound] = (404, "No such printer"),
        [ErrorCodes.PrintJobNotFound] = (404, "No such print job on this printer"),
        [ErrorCodes.PrinterIsBackup] = (409, "The printer is another printer's backup"),
        [ErrorCodes.PrinterHasJobs] = (409, "The printer holds tickets no other printer can take"),
        [ErrorCodes.OrderExists] = (409, "The order already exists with other details"),
        [ErrorCodes.OrderClosed] = (409, "The order is closed"),
        [ErrorCodes.LineMoved] = (409, "The line moved to another order"),
        [ErrorCodes.LineVoided] = (409, "The line is voided"),
        [ErrorCodes.BusinessDayNotOver] = (409, "The order's business day is not over"),
        [ErrorCodes.BusinessDaySealed] = (409, "The business day is over"),
        [ErrorCodes.LineExists] = (409, "The line already exists with other details"),
        [ErrorCodes.PaymentExists] = (409, "The payment already exists with other details"),
        [ErrorCodes.Overpayment] = (409, "The payment is more than the balance"),
        [ErrorCodes.LinePaid] = (409, "The line is already paid for"),
        [ErrorCodes.BalanceNotZero] = (409, "The order is not paid in full"),
        [ErrorCodes.DiscountExists] = (409, "The discount already exists with other details"),
        [ErrorCodes.DiscountNotFound] = (404, "No such discount on the order"),
        [ErrorCodes.LineVoided] = (409, "The line is voided"),
        [ErrorCodes.DiscountTooLarge] = (409, "The discount is more than what it is on"),
        [ErrorCodes.DiscountBelowPaid] = (409, "Payments taken cover more than the discounted total"),
        [ErrorCodes.OrderNotClosed] = (409, "The order is not closed"),
        [ErrorCodes.RefundExists] = (409, "The refund already exists with other details"),
        [ErrorCodes.RefundExceedsPaid] = (409, "The refund is more than what remains to refund"),
        [ErrorCodes.PaymentNotFound] = (404, "No such payment on the order"),
        [ErrorCodes.TipNotAdjustable] = (409, "A cash payment's tip cannot be adjusted"),
        [ErrorCodes.DeviceExists] = (409, "A device with this id is registered already"),
        [ErrorCodes.AdminTokenNotRotatable] = (409, "The admin token is given to this appliance, not kept by it"),
        [ErrorCodes.OrderTotalTooLarge] = (409, "The order's total would pass the most an order may hold"),
        [ErrorCodes.OrderFull] = (409, "The order holds as many lines or payments as an order may"),
        [ErrorCodes.BusinessDayFull] = (409, "The business day holds as many orders as a day may"),
        [ErrorCodes.IdempotencyKeyInFlight] = (409, "A request with this Idempotency-Key is still being processed"),
        [ErrorCodes.VersionMismatch] = (412, "The order has changed since that version"),
        [ErrorCodes.UnknownMenuItem] = (422, "The menu item is not on the menu"),
        [ErrorCodes.UnknownPrinter] = (422, "The printer referred to is not configured"),
        [ErrorCodes.NoReceiptPrinter] = (422, "No receipt printer serves this device"),
        [ErrorCodes.NothingPaid] = (409, "The order has no payment to print a receipt for"),
        [ErrorCodes.IdempotencyKeyReused] = (422, "The Idempotency-Key was used for another request"),
        [ErrorCodes.JournalRefused] = (422, "The store's database refused the command's data"),
        [ErrorCodes.RequestTimeout] = (408, "The body came too slowly"),
        [ErrorCodes.BodyTooLarge] = (413, "The body is larger than this route takes"),
        [ErrorCodes.TooManyFailedAttempts] = (429, "Too many failed authentications from this address"),
        [ErrorCodes.TooManyEventStreams] = (429, "Too many event streams are open"),
        [ErrorCodes.TooManyWrites] = (429, "This device writes too fast"),
        [ErrorCodes.InternalError] = (500, "The appliance failed; the failure is logged"),
        [ErrorCodes.JournalUnavailable] = (503, "The journal cannot be written right now"),
        [ErrorCodes.PinInvalid] = (403, "The PIN is nobody's"),
        [ErrorCodes.PinLocked] = (429, "Too many wrong PINs: locked out for a while"),
        [ErrorCodes.PinTaken] = (409, "Another employee has this PIN"),
        [ErrorCodes.ApproverNotManager] = (403, "The approving PIN is not a manager's"),
        [ErrorCodes.EmployeeNotFound] = (404, "No such employee"),
        [ErrorCodes.EmployeeInactive] = (409, "The employee is deactivated"),
        [ErrorCodes.AlreadyClockedIn] = (409, "The employee is clocked in already"),
        [ErrorCodes.NotClockedIn] = (409, "The employee is not clocked in"),
        [ErrorCodes.NoStaffSession] = (404, "The request carries no staff session"),
        [ErrorCodes.DrawerNotFound] = (404, "No such drawer"),
        [ErrorCodes.DrawerSessionNotFound] = (404, "No such drawer session"),
        [ErrorCodes.DrawerInUse] = (409, "The drawer has an open session"),
        [ErrorCodes.DrawerSessionOpen] = (409, "The person has a drawer session open already"),
        [ErrorCodes.DrawerSessionClosed] = (409, "The drawer session is closed"),
        [ErrorCodes.DrawerSessionExists] = (409, "The drawer session exists with other details"),
        [ErrorCodes.MovementExists] = (409, "The movement exists with other details"),
        [ErrorCodes.ItemSoldOut] = (409, "The item is sold out"),
        [ErrorCodes.NotEnoughLeft] = (409, "Fewer of the item are left than the quantity"),
    };

    public static IReadOnlyDictionary<string, (int Status, string Title)> All => Entries;

    public static int StatusOf(string code) => Entries.TryGetValue(code, out var e) ? e.Status : 400;

    public static string TitleOf(string code) => Entries.TryGetValue(code, out var e) ? e.Title : "The request was refused";

    public static string TypeOf(string code) => TypePrefix + code;

    /// <summary>
    /// Gives a problem the framework made itself (no code of ours) the code of its status, so every problem a client
    /// sees has one: 404 not-found, 405 method-not-allowed, 413 body-too-large, 415 unsupported-media-type...
    /// </summary>
    public static void AddCode(Microsoft.AspNetCore.Http.ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }
        var code = problem.Status switch
        {
            400 => ErrorCodes.ValidationFailed,
            401 => ErrorCodes.Unauthorized,
            403 => ErrorCodes.Forbidden,
            404 => ErrorCodes.NotFound,
            405 => ErrorCodes.MethodNotAllowed,
            408 => ErrorCodes.RequestTimeout,
            413 => ErrorCodes.BodyTooLarge,
            415 => ErrorCodes.UnsupportedMediaType,
            429 => ErrorCodes.TooManyFailedAttempts,
            _ => null,
        };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
            problem.Type = TypeOf(code);
            problem.Title ??= TitleOf(code);
            problem.Detail ??= DetailOf(code, context.HttpContext);
        }
    }

    /// <summary>What a person should do about a problem the framework found, in a sentence; null when there is nothing general to say.</summary>
    public static string? DetailOf(string code, Microsoft.AspNetCore.Http.HttpContext http) => code switch
    {
        ErrorCodes.BodyTooLarge => http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
            ? $"This route takes a body of at most {limit} bytes; send less (a device batch can be split)."
            : "The body is larger than this route takes; send less.",
        ErrorCodes.UnsupportedMediaType => "Send the body as JSON with 'Content-Type: application/json'.",
        ErrorCodes.MethodNotAllowed => "This route does not take that method; see the OpenAPI document at /swagger/v1/swagger.json.",
        ErrorCodes.NotFound => "There is no such route; see the OpenAPI document at /swagger/v1/swagger.json.",
        _ => null,
    };
}
