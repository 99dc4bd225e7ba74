using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Pos.Grains.Orders;

namespace Pos.Api.Sync;

/// <summary>
/// The commands a device queued while it could not reach the appliance, sent in one batch. <c>type</c> is one of
/// open-order, add-line, void-line, fire, add-payment, close; <c>payload</c> is the body the single route takes
/// (void-line: <c>{lineId, reason}</c>).
/// </summary>
public sealed record CommandBatchRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string? DeviceId,
    [property: Required, MaxLength(CommandBatchApi.MaxCommands)] IReadOnlyList<DeviceCommandRequest>? Commands);

/// <summary>
/// One queued command. <c>commandId</c> is the device's own id for it (unique per device): a command sent again
/// under the same id is answered with its first result. <c>expectedVersion</c> works like If-Match (strict).
/// <c>issuedAt</c> is the device's clock when it issued the command, with its offset; it is recorded, the store's
/// clock decides.
/// </summary>
public sealed record DeviceCommandRequest(
    [property: Required, StringLength(CommandBatchApi.MaxCommandIdLength, MinimumLength = 1)] string? CommandId,
    [property: Required, AllowedValues("open-order", "add-line", "void-line", "fire", "add-payment", "close")] string? Type,
    [property: Required] Guid? OrderId,
    [property: Range(0, int.MaxValue)] int? ExpectedVersion,
    [property: Required] DateTimeOffset? IssuedAt,
    JsonElement? Payload);

/// <summary>
/// What became of one command: its outcome, the order's <c>version</c> after it (or as it stood, for a conflict),
/// and the problem when it was refused. The order itself is given once per order in a batch, with its last command:
/// in <c>order</c>, or in that command's conflict problem as <c>problem.order</c>. A command the device's role may not
/// send is <c>rejected</c> with the problem <c>forbidden</c> (status 403) and nothing ran; the batch itself is still 200.
/// </summary>
public sealed record DeviceCommandResult(
    string CommandId,
    [property: AllowedValues("applied", "duplicate", "merged", "conflict", "rejected")] string Outcome,
    int? Version,
    OrderView? Order,
    ProblemDetails? Problem);

/// <summary>The results, one per command, in the order sent.</summary>
public sealed record CommandBatchResponse(IReadOnlyList<DeviceCommandResult> Results);

/// <summary>The batch as read first: its device, and each command as sent, each read on its own afterwards.</summary>
internal sealed record BatchEnvelope(string? DeviceId, IReadOnlyList<JsonElement>? Commands);
