using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.OpenApi;
using Pos.Api.Requests;
using Pos.Contracts.Devices;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Contracts.Permissions;

namespace Pos.Api.Devices;

/// <summary>Where registered devices are kept.</summary>
public interface IDeviceRegistry
{
    /// <summary>Adds a device with the hash of its token; false (and nothing changed) when the id is taken.</summary>
    Task<bool> TryAddAsync(DeviceView device, byte[] tokenHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeviceView>> ListAsync(CancellationToken cancellationToken);

    Task<DeviceView?> FindAsync(string deviceId, CancellationToken cancellationToken);
}

/// <summary>/api/v1/devices: the admin registers devices and reads who is registered.</summary>
public static class DevicesApi
{
    public const string AdminRole = DeviceAuthenticationHandler.AdminRole;
    public static readonly IReadOnlyList<string> Roles = ["server", "bartender", "manager", "kitchen", "integration"];
    private const int MaxIdLength = 64;
    private const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var devices = app.MapGroup("/api/v1/devices").WithTags("Devices")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        devices.MapPost("/", Register).WithName("RegisterDevice").RequiresPermission(PermissionNames.DevicesRegister)
            .ProducesProblem(StatusCodes.Status400BadRequest).TakesFreeText("name")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Describe("Register a device (admin)",
                "Answers the device's bearer token, shown this once: the appliance keeps only its hash. A deviceId taken already is 409 device-exists.");
        devices.MapGet("/", List).WithName("ListDevices").ProducesProblem(StatusCodes.Status400BadRequest)
            .RequiresPermission(PermissionNames.DevicesManage)
            .Describe("List the registered devices (admin or manager)", "By deviceId, a page at a time, revoked ones with revokedAt; tokens are never shown.");
        devices.MapGet("/{deviceId}", Get).WithName("GetDevice").ProducesProblem(StatusCodes.Status404NotFound)
            .RequiresPermission(PermissionNames.DevicesManage)
            .Describe("Read one device (admin or manager)", "The device a registration or a pairing answered with, revokedAt once revoked; never its token.");
        return app;
    }

    public static async Task<Results<Ok<DeviceView>, ProblemHttpResult>> Get(string deviceId, IDeviceRegistry registry, CancellationToken cancellationToken) =>
        await registry.FindAsync(deviceId, cancellationToken) is { } device
            ? TypedResults.Ok(device)
            : Problems.Problems.Of(ErrorCodes.DeviceNotFound, $"No device '{(deviceId.Length > 64 ? deviceId[..64] : deviceId)}' is registered.");

    private const string CursorList = "devices";
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static async Task<Results<Created<DeviceRegistered>, ProblemHttpResult>> Register(
        RegisterDeviceRequest? body, IDeviceRegistry registry, StoreClock clock, CancellationToken cancellationToken)
    {
        if (Validate(body) is { } invalid)
        {
            return invalid;
        }
        var token = NewToken();
        var device = new DeviceView(body!.DeviceId!, body.Name!.Trim(), body.Role!, clock.Now());
        if (!await registry.TryAddAsync(device, HashOf(token), cancellationToken))
        {
            return Problems.Problems.Of(ErrorCodes.DeviceExists,
                $"A device '{device.DeviceId}' is registered already; its token stays as it was. Choose another deviceId.");
        }
        return TypedResults.Created($"/api/v1/devices/{Uri.EscapeDataString(device.DeviceId)}", new DeviceRegistered(device.DeviceId, token));
    }

    /// <summary>A page of the registered devices, by deviceId.</summary>
    /// <param name="limit">How many devices a page holds at most.</param>
    /// <param name="cursor">The nextCursor of the previous page, unchanged; left out for the first page.</param>
    /// <param name="registry">Where devices are kept.</param>
    /// <param name="cancellationToken">Stops the read when the client goes.</param>
    public static async Task<Results<Ok<DeviceList>, ProblemHttpResult>> List(
        [Range(1, MaxLimit), DefaultValue(DefaultLimit)] int? limit, string? cursor, IDeviceRegistry registry, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problems.Problems.Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
        }
        var after = "";
        if (!string.IsNullOrEmpty(cursor) && !Cursor.TryRead(CursorList, cursor, out after))
        {
            return Problems.Problems.Invalid("cursor", "cursor must be a nextCursor this list gave, sent back unchanged.");
        }
        // A store has a few dozen devices: the page is cut from the whole list, in the order of the ids' characters.
        var rest = (await registry.ListAsync(cancellationToken))
            .Where(d => string.CompareOrdinal(d.DeviceId, after) > 0)
            .OrderBy(d => d.DeviceId, StringComparer.Ordinal)
            .ToList();
        var take = limit ?? DefaultLimit;
        var page = rest.Take(take).ToList();
        var hasMore = rest.Count > take;
        return TypedResults.Ok(new DeviceList(page, hasMore ? Cursor.Of(CursorList, page[^1].DeviceId) : null, hasMore));
    }

    /// <summary>The hash the appliance keeps of a token (SHA-256 of its UTF-8).</summary>
    public static byte[] HashOf(string token) => SecretTokens.HashOf(token);

    internal static string NewToken() => SecretTokens.New(TokenPrefix, TokenSecretLength);

    /// <summary>How many random bytes a token carries.</summary>
    internal const int TokenSecretLength = 32;

    /// <summary>A token as sent: its random bytes in URL-safe base64 after <c>pos_</c>.</summary>
    internal static string TokenOf(ReadOnlySpan<byte> secret) => SecretTokens.Of(TokenPrefix, secret);

    private const string TokenPrefix = "pos_";

    private static ProblemHttpResult? Validate(RegisterDeviceRequest? body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var id = body?.DeviceId;
        if (string.IsNullOrEmpty(id))
        {
            errors["deviceId"] = ["deviceId is required: a name for the device such as till-1."];
        }
        else if (TextRules.Check("deviceId", id, MaxIdLength, required: true, identifier: true) is { } idError)
        {
            errors["deviceId"] = [idError.Detail];
        }
        else if (id.Length > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors["deviceId"] = [$"deviceId must be 1 to {MaxIdLength} letters, digits, '-', '_' or '.'."];
        }
        else if (DeviceIds.IsReserved(id))
        {
            errors["deviceId"] = [$"deviceId '{id}' is reserved for the store's own entries in the journal ({string.Join(", ", DeviceIds.Reserved)}, in any case); choose another."];
        }
        // One line a person reads: no control characters (PostgreSQL refuses NUL), at most 100 characters.
        if (TextRules.Check("name", body?.Name?.Trim(), MaxNameLength, required: true) is { } nameError)
        {
            if (nameError.Code == ErrorCodes.CardDataRefused)
            {
                return Problems.Problems.Of(nameError);
            }
            errors["name"] = [nameError.Detail];
        }
        if (body?.Role is not { } role || !Roles.Contains(role, StringComparer.Ordinal))
        {
            errors["role"] = ["role must be one of server, bartender, manager, kitchen, integration."];
        }
        if (errors.Count == 0)
        {
            return null;
        }
        var detail = string.Join(" ", errors.Values.SelectMany(v => v));
        return Problems.Problems.Of(ErrorCodes.ValidationFailed, detail, new Dictionary<string, object?> { ["errors"] = errors });
    }
}
