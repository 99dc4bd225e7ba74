using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Pos.Api.Auth;
using Pos.Api.Commands;
using Pos.Api.Devices;
using Pos.Api.OpenApi;
using Pos.Api.Orders;
using Pos.Api.Problems;
using Pos.Api.Requests;
using Pos.Api.Telemetry;
using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Contracts.Permissions;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Contracts.Sync;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Journal;
using Pos.Grains.Orders;

namespace Pos.Api.Sync;

/// <summary>
/// POST /api/v1/sync/commands: a device's queue of commands, applied one by one, in order, once each. Every command
/// gets its own answer: one that cannot be read or applied is that command's <c>rejected</c>, and the rest go on.
/// </summary>
public static partial class CommandBatchApi
{
    public const int MaxCommands = DeviceCommands.MaxCommands;
    public const int MaxCommandIdLength = DeviceCommands.MaxCommandIdLength;
    public static readonly IReadOnlyList<string> Types = DeviceCommands.Types;

    public static IEndpointRouteBuilder MapCommandBatchApi(this IEndpointRouteBuilder app, RequestLimits limits)
    {
        // The body is read here, command by command, so one bad command is that command's answer, not the batch's.
        app.MapPost("/api/v1/sync/commands", Send).WithTags("Sync").WithName("SendCommandBatch").RequiresPermission(PermissionNames.SyncCommands)
            .Accepts<CommandBatchRequest>("application/json")
            .WithMetadata(new RequestHeaderMetadata(DeviceOutboxes.Header,
                "How many commands wait in the device's outbox behind this batch (the client library sends it); the store's " +
                "pos.device.outbox.depth metric. Left out or unreadable: nothing is recorded, the batch is applied all the same."))
            .WithBodyLimit(limits.Bulk).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Describe("Send a device's queued commands",
                "Applied one by one, in order, once each (by the device's commandId): every command gets its own result, " +
                "and a command that cannot be read or applied is that command's rejected result while the rest go on. Each command needs its " +
                "own permission besides (open-order, add-line, fire, close, move-lines, merge, split, transfer, print-check, print-receipt: " +
                "orders.write; void-line: lines.void, and lines.void-fired for a fired line; add-payment: payments.take; carry-over, " +
                "close-with-reason: orders.close-out; discounts, remove-discount: discounts.apply, and discounts.above-threshold for a comp " +
                "or a discount above the threshold; tip: payments.adjust-tip; refunds: payments.refund): one the role lacks is that command's rejected result with the problem permission-denied, " +
                "not kept (sent again by a role that may, it runs). No manager's approval travels with a batch: an act that needs one is sent on its own route. A command whose " +
                "payload holds what looks like a payment card number in its free text (table, note, modifiers, reason, reference) is " +
                "rejected with the problem card-data-refused, as its single route would answer, and is kept nowhere.");
        return app;
    }

    public static async Task<Results<Ok<CommandBatchResponse>, ProblemHttpResult>> Send(
        HttpContext http, IGrainFactory grains, IKeptAnswerStore journal, IDeviceRegistry devices, StoreClock clock, RepeatGate gate,
        ICommandPolicy policy, IEnumerable<IOutageDetector> outages, DeviceOutboxes outboxes, ILogger<BatchLog> logger, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            return Problems.Problems.Of(ErrorCodes.UnsupportedMediaType, ProblemCatalog.DetailOf(ErrorCodes.UnsupportedMediaType, http)!);
        }
        BatchEnvelope? envelope;
        try
        {
            envelope = await JsonSerializer.DeserializeAsync<BatchEnvelope>(http.Request.Body, RequestJson.Options, cancellationToken);
        }
        catch (JsonException json)
        {
            return RequestProblemHandler.FromJson(json);
        }
        if (Validate(envelope) is { } invalid)
        {
            return invalid;
        }
        var deviceId = envelope!.DeviceId!;
        var sender = http.User.DeviceId();
        if (sender != deviceId)
        {
            var isAdmin = sender == DeviceAuthenticationHandler.AdminDeviceId;
            // The admin may send a device's queue for it (a till whose own link is broken), never a revoked one's.
            if (!isAdmin || await devices.FindAsync(deviceId, cancellationToken) is not { RevokedAt: null })
            {
                return Problems.Problems.Of(ErrorCodes.Forbidden, isAdmin
                    ? $"No device '{deviceId}' is registered, or it was revoked; register it first (POST /api/v1/devices)."
                    : $"This token belongs to '{sender}'; a device sends only its own commands (deviceId must be '{sender}').");
            }
        }
        outboxes.Report(deviceId, http.Request);
        var commands = envelope.Commands!.Select(ReadCommand).ToList();
        // How the batch's command ids were answered before, in one read.
        var known = await journal.FindResponsesAsync(
            [.. commands.Where(c => c.Command is not null).Select(c => CommandKeys.OfCommand(deviceId, c.Command!.CommandId!)).Distinct()], cancellationToken);
        // The person signed in on the sending device is recorded on its commands (not when the admin sends a device's queue).
        var people = sender == deviceId ? (http.User.EmployeeId(), http.ApprovedBy()) : (null, null);
        var run = new BatchRun(deviceId, people, new CommandSender(http.User), known, grains, journal, clock, gate, policy, [.. outages], logger, cancellationToken);
        var answers = new List<BatchAnswer>(commands.Count);
        foreach (var (command, refusal) in commands)
        {
            answers.Add(refusal ?? await run.RunAsync(command!));
        }
        return TypedResults.Ok(new CommandBatchResponse(await BatchAnswers.RenderAsync(answers, grains)));
    }

    /// <summary>One command read strictly on its own: the command, or why it cannot be (its answer, kept nowhere: the same command gets it again).</summary>
    private static (DeviceCommandRequest? Command, BatchAnswer? Refusal) ReadCommand(JsonElement element, int index)
    {
        var at = $"commands[{index}]";
        var sentId = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("commandId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : "";
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, Refused(sentId, Problems.Problems.Invalid(at, $"{at} is not a command object.")));
        }
        DeviceCommandRequest? command;
        try
        {
            command = element.Deserialize<DeviceCommandRequest>(RequestJson.Options);
        }
        catch (JsonException json)
        {
            var (field, detail) = RequestProblemHandler.Explain(json);
            return (null, Refused(sentId, Problems.Problems.Invalid($"{at}.{field}", $"{at}: {detail}")));
        }
        return Check(command!, at) is { } invalid ? (null, Refused(sentId, invalid)) : (command, null);
    }

    private static BatchAnswer Refused(string commandId, ProblemHttpResult problem) =>
        new(commandId, CommandOutcome.Rejected.Name(), null, null, problem.ProblemDetails);

    /// <summary>The device's queued commands, run one after another, each decided and remembered on its own.</summary>
    private sealed class BatchRun(
        string deviceId, (string? EmployeeId, string? ApprovedBy) people, CommandSender sender, IReadOnlyDictionary<string, KeptAnswer> known, IGrainFactory grains, IKeptAnswerStore journal, StoreClock clock,
        RepeatGate gate, ICommandPolicy policy, IReadOnlyList<IOutageDetector> outages, ILogger logger, CancellationToken cancellationToken)
    {
        private readonly HashSet<string> _answered = new(StringComparer.Ordinal);

        public async Task<BatchAnswer> RunAsync(DeviceCommandRequest command)
        {
            var commandId = command.CommandId!;
            var orderId = command.OrderId!.Value;
            var key = new RepeatKey(CommandKeys.OfCommand(deviceId, commandId), Fingerprint(command));
            // What the batch read for its keys holds for a key's first use in it; a key used again in the same batch
            // was answered since, so the gate reads it afresh.
            using var check = await gate.CheckAsync(key, CommandSource.DeviceQueue, cancellationToken, _answered.Add(key.Key) ? known : null);
            if (check.Verdict == RepeatVerdict.Repeat)
            {
                return BatchAnswer.FromKept(commandId, orderId, check.Kept!);
            }
            if (check.Verdict != RepeatVerdict.FirstTime)
            {
                return Refused(commandId, Problems.Problems.Of(ErrorCodes.IdempotencyKeyReused,
                    $"commandId '{commandId}' was sent before with another command; give each command its own id."));
            }
            var (call, error) = Map(grains, command.Type!, orderId, command.Payload, policy.MayVoidFiredLines(sender), OrderMoneyApi.MayGoAboveThreshold(sender));
            if (error is { Code: ErrorCodes.CardDataRefused })
            {
                // Kept nowhere, not even as the fingerprint of a payload that holds a card number: the same command
                // sent again is refused again.
                return Refused(commandId, Problems.Problems.Of(error));
            }
            if (error is not null)
            {
                return await RememberAsync(key, orderId, commandId, CommandOutcome.Rejected, version: null, Problems.Problems.Of(error));
            }
            var context = new CommandContext(deviceId, key, command.ExpectedVersion, command.IssuedAt, people.EmployeeId, people.ApprovedBy);
            OrderResult result;
            try
            {
                result = await OrderCommandSender.SendAsync(policy, sender, call!.Command, context, ctx => call.Send(grains.GetGrain<IOrderGrain>(orderId), ctx));
            }
            catch (Exception e) when (!RequestProblemHandler.IsUnavailable(e, outages) && e is not OperationCanceledException)
            {
                // A bug, not the command's fault and not an outage: logged with its stack and counted, and answered
                // for this command alone, unkept, so the queue is not stuck behind it and a repeat runs it again.
                LogCommandFailed(logger, e, commandId, deviceId);
                Telemetry.ApiTelemetry.RecordUnexpected("sync-command");
                return Refused(commandId, Problems.Problems.Of(ErrorCodes.InternalError,
                    "The appliance failed while running this command (it is logged). Read the order to see whether it took effect; sending it again is safe."));
            }
            if (result.Outcome is CommandOutcome.Applied or CommandOutcome.Merged)
            {
                // Kept by the journal, in the transaction that wrote the command's events.
                return new BatchAnswer(commandId, result.Outcome.Name(), orderId, result.Order!.Version, null) { Order = result.Order };
            }
            var problem = result.Error is { } refusal ? OrderCommandSender.Problem(refusal, result, withOrder: false) : null;
            if (result.Error?.Code == ErrorCodes.PermissionDenied)
            {
                // Not kept: the same command sent again by a role that may (a manager signed in) runs.
                return Refused(commandId, problem!);
            }
            // A rejection is the command's own fault and shows no order; a duplicate or a conflict shows it as it stands.
            var version = result.Outcome == CommandOutcome.Rejected ? null : result.Order?.Version;
            return await RememberAsync(key, orderId, commandId, result.Outcome, version, problem);
        }

        /// <summary>
        /// A command that wrote nothing is kept on its own (the order by version, a problem without the order), so a
        /// repeat is answered as the first time; the answer given is the one kept, which a concurrent repeat may have kept first.
        /// </summary>
        private async Task<BatchAnswer> RememberAsync(
            RepeatKey key, Guid orderId, string commandId, CommandOutcome outcome, int? version, ProblemHttpResult? problem)
        {
            var response = new KeptAnswer(key.Key, key.Fingerprint,
                problem is not null ? JsonSerializer.Serialize(problem.ProblemDetails, EventJson.Options) : "", version, outcome.Name());
            var first = await journal.RememberResponseAsync(response, OrderEvents.StreamOf(orderId), clock.Now(), cancellationToken);
            return BatchAnswer.FromKept(commandId, orderId, first);
        }
    }

    /// <summary>The payload read as the single route's body, into the same call the route makes.</summary>
    private static (OrderCall? Call, CommandError? Error) Map(
        IGrainFactory grains, string type, Guid orderId, JsonElement? payload, bool mayVoidFired, bool mayGoAboveThreshold)
    {
        try
        {
            return type switch
            {
                "open-order" => OrderCalls.Open(Read<OpenOrderRequest>(payload) is { } open
                    ? open.OrderId is null ? open with { OrderId = orderId } : open
                    : null),
                "add-line" => OrderCalls.AddLine(Read<AddLineRequest>(payload)),
                "void-line" => Read<VoidLinePayload>(payload) is { LineId: { } lineId } v
                    ? OrderCalls.VoidLine(lineId, new VoidLineRequest(v.Reason), mayVoidFired)
                    : (null, new CommandError(ErrorCodes.ValidationFailed, "payload.lineId is required: the line to void.", "lineId")),
                "fire" => OrderCalls.Fire(Read<FireRequest>(payload)),
                "add-payment" => OrderCalls.AddPayment(Read<AddPaymentRequest>(payload)),
                "close" => WithoutPayload(payload, OrderCalls.Close()),
                "print-check" => OrderCalls.PrintCheck(CheckKind.Check, Read<PrintCheckRequest>(payload)),
                "print-receipt" => OrderCalls.PrintCheck(CheckKind.Receipt, Read<PrintCheckRequest>(payload)),
                DeviceCommands.MoveLines => CheckCalls.MoveLines(grains, orderId, Read<MoveLinesRequest>(payload)),
                DeviceCommands.Merge => CheckCalls.Merge(grains, orderId, Read<MergeOrderRequest>(payload)),
                DeviceCommands.Split => CheckCalls.Split(grains, orderId, Read<SplitOrderRequest>(payload)),
                DeviceCommands.Transfer => CheckCalls.Transfer(Read<TransferOrderRequest>(payload)),
                DeviceCommands.CarryOver => CheckCalls.CarryOver(grains, orderId, Read<CarryOverRequest>(payload)),
                DeviceCommands.CloseWithReason => CheckCalls.CloseWithReason(Read<CloseWithReasonRequest>(payload)),
                _ when MapMoney(type, payload, mayGoAboveThreshold) is { } money => money,
                _ => throw new ArgumentOutOfRangeException(nameof(type), type, "validated before"),
            };
        }
        catch (JsonException json)
        {
            // Read as strictly as the single route reads its body; the field is named within the payload.
            var (field, detail) = json.Path is { Length: > 1 } ? RequestProblemHandler.Explain(json) : ("payload", json.Message);
            return (null, new CommandError(ErrorCodes.ValidationFailed, $"payload could not be read as the {type} body: {detail}", field));
        }
    }

    /// <summary>A command whose route takes an empty body: its payload may be absent or <c>{}</c>, nothing else.</summary>
    private static (OrderCall? Call, CommandError? Error) WithoutPayload(JsonElement? payload, OrderCall call)
    {
        _ = Read<EmptyRequest>(payload);
        return (call, null);
    }

    private static T? Read<T>(JsonElement? payload) where T : class =>
        payload is { ValueKind: JsonValueKind.Object } p ? p.Deserialize<T>(RequestJson.Options)
        : payload is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? null
        : throw new JsonException("payload must be a JSON object.", "$", null, null);

    private sealed record VoidLinePayload(Guid? LineId, string? Reason);

    /// <summary>What the command asks, so a commandId reused for another command is told apart from a repeat.</summary>
    private static byte[] Fingerprint(DeviceCommandRequest c)
    {
        var payload = c.Payload is { ValueKind: not JsonValueKind.Undefined } p ? p.GetRawText() : "null";
        return SHA256.HashData(Encoding.UTF8.GetBytes($"{c.Type}\n{c.OrderId}\n{c.ExpectedVersion}\n{payload}"));
    }

    /// <summary>What makes the batch as a whole unreadable: then nothing runs.</summary>
    private static ProblemHttpResult? Validate(BatchEnvelope? body)
    {
        if (body is null)
        {
            return Problems.Problems.Invalid("deviceId", "Send {deviceId, commands: [...]}.");
        }
        if (string.IsNullOrEmpty(body.DeviceId))
        {
            return Problems.Problems.Invalid("deviceId", "deviceId is required: the device whose queue this is (its registered id).");
        }
        if (TextRules.Check("deviceId", body.DeviceId, 64, identifier: true) is { } badId)
        {
            return Problems.Problems.Of(badId);
        }
        if (body.Commands is null)
        {
            return Problems.Problems.Invalid("commands", "commands is required: the queued commands, in the order they were made.");
        }
        if (body.Commands.Count > MaxCommands)
        {
            return Problems.Problems.Invalid("commands", $"A batch holds at most {MaxCommands} commands; send the rest in the next batch.");
        }
        return null;
    }

    /// <summary>What makes one command unreadable: that command alone is rejected.</summary>
    private static ProblemHttpResult? Check(DeviceCommandRequest c, string at)
    {
        if (c.CommandId is null || TextRules.Check("commandId", c.CommandId, MaxCommandIdLength, required: true, identifier: true) is not null)
        {
            return Problems.Problems.Invalid($"{at}.commandId", $"{at}.commandId is required: 1 to {MaxCommandIdLength} characters without control characters, unique per device.");
        }
        if (c.Type is null || !Types.Contains(c.Type, StringComparer.Ordinal))
        {
            return Problems.Problems.Invalid($"{at}.type", $"{at}.type must be one of {string.Join(", ", Types)}.");
        }
        if (c.OrderId is null || c.OrderId == Guid.Empty)
        {
            return Problems.Problems.Invalid($"{at}.orderId", $"{at}.orderId is required: the order's UUID.");
        }
        if (c.ExpectedVersion is < 0)
        {
            return Problems.Problems.Invalid($"{at}.expectedVersion", $"{at}.expectedVersion must be an order version, 0 or more.");
        }
        if (c.IssuedAt is null)
        {
            return Problems.Problems.Invalid($"{at}.issuedAt", $"{at}.issuedAt is required: the device's time when the command was made, with its offset.");
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Command {CommandId} of device {DeviceId} failed unexpectedly; answered alone, not kept")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception, string commandId, string deviceId);
}

/// <summary>The log category of device batches.</summary>
public sealed class BatchLog;

/// <summary>The batch as read first: its device, and each command as sent, each read on its own afterwards.</summary>
internal sealed record BatchEnvelope(string? DeviceId, IReadOnlyList<JsonElement>? Commands);
