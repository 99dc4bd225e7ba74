using System.Text.Json;
using Pos.Contracts.Sync;

namespace Pos.Client.Outbox;

/// <summary>
/// A command as the device issued it, kept until the appliance has answered it. Its <see cref="CommandId"/> is chosen
/// once, when the command is queued, and written with it, so every send of it, from any process that loads the
/// outbox, carries the same id: the appliance answers a resend with the first answer (<c>duplicate</c>).
/// <see cref="Type"/> and <see cref="Payload"/> are those of <c>POST /api/v1/sync/commands</c>: the type mirrors the
/// route (open-order, add-line, void-line, fire, add-payment, close, move-lines, merge, split, transfer, carry-over, close-with-reason) and the payload is the route's body.
/// <see cref="EmployeeId"/> is the person signed in on the device when it was queued (null: nobody, the device alone):
/// the command is sent with that person's staff session while it lives, so the journal records who did it.
/// </summary>
public sealed record QueuedCommand(
    string CommandId,
    string Type,
    Guid OrderId,
    int? ExpectedVersion,
    DateTimeOffset IssuedAt,
    JsonElement? Payload,
    string? EmployeeId = null);

/// <summary>
/// What the appliance answered for one queued command: its outcome, the order's version after it, the order as the
/// appliance holds it when the answer carried it (once per order in a batch), and the problem when it was refused
/// (for a conflict, the problem holds the order as it stands).
/// </summary>
public sealed record SettledCommand(QueuedCommand Command, string Outcome, int? Version, JsonElement? Order, JsonElement? Problem)
{
    /// <summary>The command's effect is in the order: applied now, merged with another device's change, or earlier.</summary>
    public bool Landed => Outcome is DeviceCommands.Applied or DeviceCommands.Merged or DeviceCommands.Duplicate;

    /// <summary>The order as the appliance holds it after this command, when the answer carried it: in <c>order</c>, or a conflict's <c>problem.order</c>.</summary>
    public JsonElement? OrderAsItStands =>
        Order ?? (Problem is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("order", out var order) && order.ValueKind == JsonValueKind.Object
            ? order
            : null);
}
