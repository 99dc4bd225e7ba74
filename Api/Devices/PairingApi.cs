using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Mvc;
using Pos.Api.Auth;
using Pos.Api.Idempotency;
using Pos.Api.OpenApi;
using Pos.Contracts.Devices;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Grains.Clock;
using Pos.Hosting.Access;
using Pos.Contracts.Permissions;

namespace Pos.Api.Devices;

/// <summary>
/// Pairing a phone: a manager (or the admin) asks for a one-time code (<c>POST /api/v1/pairing-codes</c>); the phone
/// sends it, with no token, to <c>POST /api/v1/pairing</c> and receives a device token of its own. A wrong, used or
/// expired code is one and the same 401 (no oracle), counted against the client's address like a wrong token
/// (<see cref="FailedAuthenticationLimit"/>): a limited address is answered 429 whatever code it sends.
/// </summary>
public static class PairingApi
{
    public const string ManagerRole = "manager";
    private const int MaxNameLength = 100;
    private const int MaxKeyLength = 255;

    public static IEndpointRouteBuilder MapPairingApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/pairing-codes", CreateCode).WithName("CreatePairingCode").WithTags("Devices")
            .RequiresPermission(PermissionNames.DevicesManage)
            .CreatesWithoutLocation()
            .ProducesProblem(StatusCodes.Status400BadRequest).TakesFreeText("name")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Describe("Make a one-time pairing code (manager or admin)",
                "13 digits, shown this once (only their hash is kept), for one phone within 10 minutes: it pairs as a device of the role given. " +
                "pairingUrl (/pair#code=...) opens the staff app's pairing page with the code filled in: draw it as a QR code. The code rides in " +
                "the fragment, which a browser never sends, so it reaches no server log and no Referer. Another role is 403 permission-denied.");
        app.MapPost("/api/v1/pairing", Pair).WithName("PairDevice").WithTags("Devices")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest).TakesFreeText("name")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .Describe("Pair a phone with a code (no token)",
                "Uses the code once and answers the new device's id, role and bearer token (shown this once). A wrong, used or expired code " +
                "is 401 pairing-code-invalid, the same for all three; it counts as a failed authentication of the client's address, which " +
                "after too many is answered 429 too-many-failed-attempts with Retry-After, whatever code it sends. Send an Idempotency-Key " +
                "and resend it with the same code when an answer is lost (or is 503 journal-unavailable): the first 201 comes again, same " +
                "device and token, with Idempotent-Replayed: true, for up to an hour after the code's 10 minutes; the key with another name " +
                "is 422 idempotency-key-reused; another key finds the code used (401).");
        return app;
    }

    public static async Task<Results<Created<PairingCodeIssued>, ProblemHttpResult>> CreateCode(
        CreatePairingCodeRequest? body, HttpContext http, ClaimsPrincipal user, IDevicePairing pairing, StoreClock clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body?.Role is not { } role || !DevicesApi.Roles.Contains(role, StringComparer.Ordinal))
        {
            errors["role"] = ["role must be one of server, bartender, manager, kitchen, integration."];
        }
        var name = string.IsNullOrWhiteSpace(body?.Name) ? null : body.Name.Trim();
        if (TextRules.Check("name", body?.Name, MaxNameLength) is { } nameError)
        {
            if (nameError.Code == ErrorCodes.CardDataRefused)
            {
                return Problems.Problems.Of(nameError);
            }
            errors["name"] = [nameError.Detail];
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var code = NewCode();
        var now = clock.Now();
        var issued = new NewPairingCode(Guid.CreateVersion7(), HashOf(code), body!.Role!, name, user.DeviceId(), now, now + PairingCodeFormat.Lifetime);
        await pairing.CreateCodeAsync(issued, cancellationToken);
        // The code in the fragment: a browser never sends it, so it reaches no server's log and no Referer.
        var pairingUrl = $"{http.Request.Scheme}://{http.Request.Host.Value}{http.Request.PathBase}/pair#code={code}";
        // No Location: a code is shown once and never read back.
        return TypedResults.Created((string?)null,
            new PairingCodeIssued(issued.CodeId, code, PairingCodeFormat.Group(code), issued.Role, name, issued.ExpiresAt, pairingUrl));
    }

    /// <summary>Pairs the phone that sends a good code.</summary>
    /// <param name="body">The code and the phone's name.</param>
    /// <param name="idempotencyKey">
    /// A key the phone chooses for this pairing (1 to 255 characters; a random UUID is right), sent again with a resend: the
    /// same code and key (and name) are answered the first 201 again, same device and token, with Idempotent-Replayed: true;
    /// the same code and key with another name is 422 idempotency-key-reused; another key finds the code used (401).
    /// </param>
    /// <param name="http">The request.</param>
    /// <param name="pairing">Where codes and devices are kept.</param>
    /// <param name="failures">The failed-authentication limit of the client's address.</param>
    /// <param name="clock">The store's clock.</param>
    /// <param name="cancellationToken">Stops the work when the client goes.</param>
    public static async Task<Results<Created<PairedDevice>, ProblemHttpResult>> Pair(
        PairDeviceRequest? body, [FromHeader(Name = IdempotencyMiddleware.Header)] string? idempotencyKey, HttpContext http, IDevicePairing pairing,
        FailedAuthenticationLimit failures, StoreClock clock, CancellationToken cancellationToken)
    {
        var client = http.Connection.RemoteIpAddress;
        // A limited address gets nowhere near a code, good or not: that is what bounds guessing.
        if (failures.Limited(client) is { } limited)
        {
            http.Response.Headers.RetryAfter = limited.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Problems.Of(ErrorCodes.TooManyFailedAttempts, limited.Detail);
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var digits = PairingCodeFormat.Normalize(body?.Code);
        if (digits is null)
        {
            errors["code"] = [$"code must be the {PairingCodeFormat.Digits} digits a manager's pairing code shows (spaces and dashes are fine)."];
        }
        if (TextRules.Check("name", body?.Name, MaxNameLength) is { } nameError)
        {
            if (nameError.Code == ErrorCodes.CardDataRefused)
            {
                return Problems.Problems.Of(nameError);
            }
            errors["name"] = [nameError.Detail];
        }
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxKeyLength || TextRules.Check(IdempotencyMiddleware.Header, idempotencyKey, MaxKeyLength, identifier: true) is not null))
        {
            errors[IdempotencyMiddleware.Header] = [$"{IdempotencyMiddleware.Header} must be 1 to {MaxKeyLength} characters, without control characters."];
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var deviceId = "phone-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = RandomNumberGenerator.GetBytes(DevicesApi.TokenSecretLength);
        var token = DevicesApi.TokenOf(secret);
        var asked = string.IsNullOrWhiteSpace(body!.Name) ? null : body.Name.Trim();
        var claim = new PairingClaim(HashOf(digits!), deviceId, asked ?? deviceId, DevicesApi.HashOf(token), clock.Now())
        {
            Resend = idempotencyKey is null ? null : new PairingResendKey(
                PairingResends.KeyHash(digits!, idempotencyKey), PairingResends.Fingerprint(digits!, asked), PairingResends.Seal(secret, digits!, idempotencyKey)),
        };
        var outcome = await pairing.PairAsync(claim, cancellationToken);
        switch (outcome.Verdict)
        {
            case PairingVerdict.KeyReused:
                return Problems.Problems.Of(ErrorCodes.IdempotencyKeyReused,
                    "This Idempotency-Key paired a phone with this code under another name; send the first request again unchanged, or ask for a new code.");
            case PairingVerdict.Repeat:
                // The first answer again: its token, opened from the seal with the code and key the phone sent again.
                token = DevicesApi.TokenOf(PairingResends.Seal(outcome.SealedToken!, digits!, idempotencyKey!));
                if (!CryptographicOperations.FixedTimeEquals(DevicesApi.HashOf(token), outcome.TokenHash!))
                {
                    throw new InvalidOperationException($"The sealed token of {outcome.Device!.DeviceId} does not open to its token.");
                }
                http.Response.Headers[IdempotencyMiddleware.ReplayedHeader] = "true";
                break;
            case PairingVerdict.Invalid:
                failures.Failed(client);
                return Problems.Problems.Of(ErrorCodes.PairingCodeInvalid,
                    "This pairing code is wrong, used or expired (a code works once, for 10 minutes). Ask a manager for a new one.");
        }
        var device = outcome.Device!;
        return TypedResults.Created($"/api/v1/devices/{Uri.EscapeDataString(device.DeviceId)}", new PairedDevice(device.DeviceId, token, device.Role, device.Name));
    }

    /// <summary>13 digits from a CSPRNG: 43 bits, each digit uniform.</summary>
    private static string NewCode() =>
        string.Create(PairingCodeFormat.Digits, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
            }
        });

    /// <summary>What is kept of a code: the SHA-256 of its digits.</summary>
    public static byte[] HashOf(string digits) => SHA256.HashData(Encoding.ASCII.GetBytes(digits));

    private static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        Problems.Problems.Of(ErrorCodes.ValidationFailed, string.Join(" ", errors.Values.SelectMany(v => v)),
            new Dictionary<string, object?> { ["errors"] = errors });
}
