using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.Devices;
using Pos.Api.Orders;
using Pos.Api.Requests;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Journal;
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
/// <c>issuedAt</c> is the device's clock when it issued the command; it is recorded, the store's clock decides.
/// </summary>
public sealed record DeviceCommandRequest(
    [property: Required, StringLength(CommandBatchApi.MaxCommandIdLength, MinimumLength = 1)] string? CommandId,
    [property: Required] string? Type,
    [property: Required] Guid? OrderId,
    [property: Range(0, int.MaxValue)] int? ExpectedVersion,
    [property: Required] DateTimeOffset? IssuedAt,
    JsonElement? Payload);

/// <summary>What became of one command: its outcome, the order as it stood after it (if any), or the problem.</summary>
public sealed record DeviceCommandResult(string CommandId, string Outcome, OrderView? Order, ProblemDetails? Problem);

/// <summary>The results, one per command, in the order sent.</summary>
public sealed record CommandBatchResponse(IReadOnlyList<DeviceCommandResult> Results);

/// <summary>POST /api/v1/sync/commands: a device's queue of commands, applied one by one, in order, once each.</summary>
public static class CommandBatchApi
{
    public const int MaxCommands = 500;
    public const int MaxCommandIdLength = 200;
    public static readonly IReadOnlyList<string> Types = ["open-order", "add-line", "void-line", "fire", "add-payment", "close"];

    public static IEndpointRouteBuilder MapCommandBatchApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/sync/commands", Send).WithTags("Sync").WithName("SendCommandBatch").RequireAuthorization()
            .WithBodyLimit(BodyLimits.Batch).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>Keys of device commands start so; an Idempotency-Key may not, so it can never take a command's place.</summary>
    public const string KeyPrefix = "cmd:";

    /// <summary>The key a device's command is remembered under, next to Idempotency-Keys: one per (deviceId, commandId).</summary>
    public static string KeyOf(string deviceId, string commandId) => $"{KeyPrefix}{deviceId}:{commandId}";

    public static async Task<Results<Ok<CommandBatchResponse>, ProblemHttpResult>> Send(
        CommandBatchRequest? body, HttpContext http, IGrainFactory grains, IJournal journal, IDeviceRegistry devices,
        StoreClock clock, CancellationToken cancellationToken)
    {
        if (Validate(body) is { } invalid)
        {
            return invalid;
        }
        var deviceId = body!.DeviceId!;
        var sender = http.User.DeviceId();
        if (sender != deviceId)
        {
            var isAdmin = sender == DeviceAuthenticationHandler.AdminDeviceId;
            if (!isAdmin || await devices.FindAsync(deviceId, cancellationToken) is null)
            {
                return Problems.Problems.Of(ErrorCodes.Forbidden, isAdmin
                    ? $"No device '{deviceId}' is registered; register it first (POST /api/v1/devices)."
                    : $"This token belongs to '{sender}'; a device sends only its own commands (deviceId must be '{sender}').");
            }
        }
        // How the batch's command ids were answered before, in one read.
        var known = await journal.FindResponsesAsync([.. body.Commands!.Select(c => KeyOf(deviceId, c.CommandId!)).Distinct()], cancellationToken);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<DeviceCommandResult>(body.Commands!.Count);
        foreach (var command in body.Commands)
        {
            results.Add(await RunAsync(deviceId, command, known, answered, grains, journal, clock, cancellationToken));
        }
        return TypedResults.Ok(new CommandBatchResponse(results));
    }

    private static async Task<DeviceCommandResult> RunAsync(
        string deviceId, DeviceCommandRequest command, IReadOnlyDictionary<string, StoredResponse> known, HashSet<string> answered,
        IGrainFactory grains, IJournal journal, StoreClock clock, CancellationToken cancellationToken)
    {
        var commandId = command.CommandId!;
        var orderId = command.OrderId!.Value;
        var key = KeyOf(deviceId, commandId);
        var hash = Fingerprint(command);
        // An id used twice in one batch: its first use was answered in this batch, after the read above.
        var stored = known.GetValueOrDefault(key) ?? (answered.Contains(key) ? await journal.FindResponseAsync(key, cancellationToken) : null);
        answered.Add(key);
        if (stored is not null)
        {
            return CryptographicOperations.FixedTimeEquals(stored.RequestHash, hash)
                ? FromStored(commandId, stored)
                : Rejected(commandId, Problems.Problems.Of(ErrorCodes.IdempotencyKeyReused,
                    $"commandId '{commandId}' was sent before with another command; give each command its own id."));
        }

        var (call, error) = Map(command.Type!, orderId, command.Payload);
        if (error is not null)
        {
            return await RememberAsync(journal, clock, key, hash, orderId, commandId, CommandOutcome.Rejected,
                null, Problems.Problems.Of(error), cancellationToken);
        }
        var context = new CommandContext(deviceId, new IdempotencyRequest(key, hash, call!.SuccessStatus), command.ExpectedVersion, command.IssuedAt);
        var result = await OrderCommandSender.SendAsync(call.Command, context, ctx => call.Send(grains.GetGrain<IOrderGrain>(orderId), ctx));
        if (result.Outcome is CommandOutcome.Applied or CommandOutcome.Merged)
        {
            // Remembered by the journal, in the transaction that wrote the command's events.
            return new DeviceCommandResult(commandId, result.Outcome.Name(), result.Order, null);
        }
        var problem = result.Error is { } refusal ? OrderCommandSender.Problem(refusal, result) : null;
        return await RememberAsync(journal, clock, key, hash, orderId, commandId, result.Outcome,
            problem is null ? result.Order : null, problem, cancellationToken);
    }

    /// <summary>A command that wrote nothing is remembered on its own, so a repeat is answered as the first time.</summary>
    private static async Task<DeviceCommandResult> RememberAsync(
        IJournal journal, StoreClock clock, string key, byte[] hash, Guid orderId, string commandId, CommandOutcome outcome,
        OrderView? order, ProblemHttpResult? problem, CancellationToken cancellationToken)
    {
        var response = problem is not null
            ? new StoredResponse(key, hash, problem.StatusCode, JsonSerializer.Serialize(problem.ProblemDetails, EventJson.Options), null, outcome.Name())
            : new StoredResponse(key, hash, StatusCodes.Status200OK, EventJson.Serialize(order), order is null ? null : $"\"{order.Version}\"", outcome.Name());
        var first = await journal.RememberResponseAsync(response, OrderEvents.StreamOf(orderId), clock.Now(), cancellationToken);
        return FromStored(commandId, first);
    }

    private static DeviceCommandResult FromStored(string commandId, StoredResponse stored)
    {
        // Every command's record carries its outcome (applied ones from the grain, the others from RememberAsync).
        var outcome = stored.Outcome ?? throw new InvalidOperationException($"The record of command '{commandId}' has no outcome.");
        return stored.Status >= 400
            ? new DeviceCommandResult(commandId, outcome, null, JsonSerializer.Deserialize<ProblemDetails>(stored.Body, EventJson.Options))
            : new DeviceCommandResult(commandId, outcome, JsonSerializer.Deserialize<OrderView>(stored.Body, EventJson.Options), null);
    }

    private static DeviceCommandResult Rejected(string commandId, ProblemHttpResult problem) =>
        new(commandId, CommandOutcome.Rejected.Name(), null, problem.ProblemDetails);

    /// <summary>The payload read as the single route's body, into the same call the route makes.</summary>
    private static (OrderCall? Call, CommandError? Error) Map(string type, Guid orderId, JsonElement? payload)
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
                    ? OrderCalls.VoidLine(lineId, new VoidLineRequest(v.Reason))
                    : (null, new CommandError(ErrorCodes.ValidationFailed, "payload.lineId is required: the line to void.", "lineId")),
                "fire" => WithoutPayload(payload, OrderCalls.Fire()),
                "add-payment" => OrderCalls.AddPayment(Read<AddPaymentRequest>(payload)),
                "close" => WithoutPayload(payload, OrderCalls.Close()),
                _ => throw new ArgumentOutOfRangeException(nameof(type), type, "validated before"),
            };
        }
        catch (JsonException json)
        {
            // Read as strictly as the single route reads its body; the field is named within the payload.
            var (field, detail) = json.Path is { Length: > 1 } ? Problems.RequestProblemHandler.Explain(json) : ("payload", json.Message);
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

    private static ProblemHttpResult? Validate(CommandBatchRequest? body)
    {
        if (body is null)
        {
            return Problems.Problems.Invalid("deviceId", "Send {deviceId, commands: [...]}.");
        }
        if (string.IsNullOrEmpty(body.DeviceId) || TextRules.Check("deviceId", body.DeviceId, 64) is not null)
        {
            return Problems.Problems.Invalid("deviceId", "deviceId is required: the device whose queue this is (its registered id).");
        }
        if (body.Commands is null)
        {
            return Problems.Problems.Invalid("commands", "commands is required: the queued commands, in the order they were made.");
        }
        if (body.Commands.Count > MaxCommands)
        {
            return Problems.Problems.Invalid("commands", $"A batch holds at most {MaxCommands} commands; send the rest in the next batch.");
        }
        for (var i = 0; i < body.Commands.Count; i++)
        {
            var c = body.Commands[i];
            var at = $"commands[{i}]";
            if (c is null)
            {
                return Problems.Problems.Invalid(at, $"{at} is not a command object.");
            }
            if (string.IsNullOrEmpty(c.CommandId) || c.CommandId.Length > MaxCommandIdLength
                || TextRules.Check("commandId", c.CommandId, MaxCommandIdLength) is not null)
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
                return Problems.Problems.Invalid($"{at}.issuedAt", $"{at}.issuedAt is required: the device's time when the command was made.");
            }
        }
        return null;
    }
}
