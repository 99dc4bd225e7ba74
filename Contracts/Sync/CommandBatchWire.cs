using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;

namespace Pos.Contracts.Sync;

/// <summary>
/// The commands a device queued while it could not reach the appliance, sent in one batch. <c>type</c> is one of
/// open-order, add-line, void-line, fire, add-payment, close, discounts, remove-discount, tip, refunds; <c>payload</c> is
/// the body the single route takes (void-line: <c>{lineId, reason}</c>; remove-discount: <c>{discountId}</c>; tip:
/// <c>{paymentId, tipMinor}</c>).
/// </summary>
public sealed record CommandBatchRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string? DeviceId,
    [property: Required, MaxLength(DeviceCommands.MaxCommands)] IReadOnlyList<DeviceCommandRequest>? Commands);

/// <summary>
/// One queued command. <c>commandId</c> is the device's own id for it (unique per device): a command sent again
/// under the same id is answered with its first result. <c>expectedVersion</c> works like If-Match (strict).
/// <c>issuedAt</c> is the device's clock when it issued the command, with its offset; it is recorded, the store's
/// clock decides.
/// </summary>
public sealed record DeviceCommandRequest(
    [property: Required, StringLength(DeviceCommands.MaxCommandIdLength, MinimumLength = 1)] string? CommandId,
    [property: Required, AllowedValues(
        DeviceCommands.OpenOrder, DeviceCommands.AddLine, DeviceCommands.VoidLine,
        DeviceCommands.Fire, DeviceCommands.AddPayment, DeviceCommands.Close,
        DeviceCommands.MoveLines, DeviceCommands.Merge, DeviceCommands.Split, DeviceCommands.Transfer,
        DeviceCommands.CarryOver, DeviceCommands.CloseWithReason, DeviceCommands.PrintCheck, DeviceCommands.PrintReceipt,

        DeviceCommands.Discounts, DeviceCommands.RemoveDiscount, DeviceCommands.Tip, DeviceCommands.Refunds)] string? Type,
    [property: Required] Guid? OrderId,
    [property: Range(0, int.MaxValue)] int? ExpectedVersion,
    [property: Required] DateTimeOffset? IssuedAt,
    JsonElement? Payload);

/// <summary>
/// What became of one command: its outcome, the order's <c>version</c> after it (or as it stood, for a conflict),
/// and the problem when it was refused. The order itself is given once per order in a batch, with its last command:
/// in <c>order</c>, or in that command's conflict problem as <c>problem.order</c>. A command the device's role may not
/// send is <c>rejected</c> with the problem <c>permission-denied</c> (status 403, naming the <c>permission</c>) and nothing ran
/// (it is not kept: sent again by a role that may, it runs); the batch itself is still 200.
/// </summary>
public sealed record DeviceCommandResult(
    string CommandId,
    [property: AllowedValues(
        DeviceCommands.Applied, DeviceCommands.Duplicate, DeviceCommands.Merged,
        DeviceCommands.Conflict, DeviceCommands.Rejected)] string Outcome,
    int? Version,
    OrderView? Order,
    ProblemDetails? Problem);

/// <summary>The results, one per command, in the order sent.</summary>
public sealed record CommandBatchResponse(IReadOnlyList<DeviceCommandResult> Results);

/// <summary>
/// The words of <c>POST /api/v1/sync/commands</c>: a command's <c>type</c>, a result's <c>outcome</c>
/// (docs/CONFLICTS.md), and how much one batch may hold.
/// </summary>
public static class DeviceCommands
{
    public const int MaxCommands = 500;
    public const int MaxCommandIdLength = 200;

    public const string OpenOrder = "open-order";
    public const string AddLine = "add-line";
    public const string VoidLine = "void-line";
    public const string Fire = "fire";
    public const string AddPayment = "add-payment";
    public const string Close = "close";
    public const string PrintCheck = "print-check";
    public const string PrintReceipt = "print-receipt";
    public const string MoveLines = "move-lines";
    public const string Merge = "merge";
    public const string Split = "split";
    public const string Transfer = "transfer";
    public const string CarryOver = "carry-over";
    public const string CloseWithReason = "close-with-reason";
    /// <summary>Payload: the body of POST /orders/{orderId}/discounts.</summary>
    public const string Discounts = "discounts";
    /// <summary>Payload: <c>{discountId}</c> (DELETE /orders/{orderId}/discounts/{discountId}).</summary>
    public const string RemoveDiscount = "remove-discount";
    /// <summary>Payload: <c>{paymentId, tipMinor}</c> (POST /orders/{orderId}/payments/{paymentId}/tip).</summary>
    public const string Tip = "tip";
    /// <summary>Payload: the body of POST /orders/{orderId}/refunds.</summary>
    public const string Refunds = "refunds";

    /// <summary>Events were written, onto the order as the device last knew it.</summary>
    public const string Applied = "applied";
    /// <summary>Nothing was written: what the command asks for is already so (a retry, a second close).</summary>
    public const string Duplicate = "duplicate";
    /// <summary>Events were written, and another device had changed the order since the device last did.</summary>
    public const string Merged = "merged";
    /// <summary>Refused because of what the order has become; the answer carries the order.</summary>
    public const string Conflict = "conflict";
    /// <summary>Refused because of the command itself; no order state would make it work.</summary>
    public const string Rejected = "rejected";

    /// <summary>Every command type, in the order the contract lists them.</summary>
    public static IReadOnlyList<string> Types { get; } =
        [OpenOrder, AddLine, VoidLine, Fire, AddPayment, Close, MoveLines, Merge, Split, Transfer, CarryOver, CloseWithReason, PrintCheck, PrintReceipt,
            Discounts, RemoveDiscount, Tip, Refunds];
}
