using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Pos.Api.Auth;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Api.Idempotency;

/// <summary>The Idempotency-Key of the request being handled and its fingerprint.</summary>
public sealed record IdempotencyFeature(string Key, byte[] RequestHash)
{
    public IdempotencyRequest ToRequest(int successStatus) => new(Key, RequestHash, successStatus);
}

/// <summary>
/// <c>Idempotency-Key</c> on mutating requests: a key seen before with the same request answers the first
/// response again; with another request, 422; while the first is still running, 409. Keys belong to the device
/// (or the admin) that sent them: two devices may use the same key without meeting. The record itself is written
/// by the journal in the same transaction as the command's events, under <see cref="ScopedKey"/>.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IJournal journal)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;
    // Keys whose first request is still running, in this app (the middleware is one instance per app).
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var mutating = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
        // Keys belong to whoever sent them: without a known sender there is nothing to look up (the request is refused later).
        if (!mutating || context.User.Identity?.IsAuthenticated != true || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }
        var sent = values.ToString();
        if (sent.Length is 0 or > MaxKeyLength || TextRules.Check(Header, sent, MaxKeyLength) is not null)
        {
            await Problems.Problems.Invalid(Header, $"{Header} must be 1 to {MaxKeyLength} characters, without control characters.").ExecuteAsync(context);
            return;
        }
        var key = ScopedKey(context.User.DeviceId(), sent);
        if (!_inFlight.TryAdd(key, 0))
        {
            await Problems.Problems.Of(ErrorCodes.IdempotencyKeyInFlight,
                "The first request with this key has not finished; retry in a moment.").ExecuteAsync(context);
            return;
        }
        try
        {
            var hash = await FingerprintAsync(context.Request);
            var stored = await journal.FindResponseAsync(key, context.RequestAborted);
            if (stored is null)
            {
                context.Features.Set(new IdempotencyFeature(key, hash));
                await next(context);
            }
            else if (CryptographicOperations.FixedTimeEquals(stored.RequestHash, hash))
            {
                context.Response.StatusCode = stored.Status;
                context.Response.ContentType = "application/json; charset=utf-8";
                if (stored.ETag is { } etag)
                {
                    context.Response.Headers.ETag = etag;
                }
                context.Response.Headers[ReplayedHeader] = "true";
                var body = await KeptAnswers.BodyOfAsync(stored, context.RequestServices.GetRequiredService<IGrainFactory>());
                await context.Response.WriteAsync(body, context.RequestAborted);
            }
            else
            {
                await Problems.Problems.Of(ErrorCodes.IdempotencyKeyReused,
                    "This Idempotency-Key was already used for a different request; use a new key for a new request.").ExecuteAsync(context);
            }
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// The key an Idempotency-Key is kept under: the sending device's own (device ids hold no ':'), apart from every
    /// other device's keys and from the devices' command ids (<c>cmd:</c>).
    /// </summary>
    public static string ScopedKey(string deviceId, string key) => $"{KeyPrefix}{deviceId}:{key}";

    /// <summary>What every kept Idempotency-Key starts with.</summary>
    public const string KeyPrefix = "key:";

    private static async Task<byte[]> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The device is part of the fingerprint: one device can never replay another's response.
        var device = request.HttpContext.User.DeviceId();
        hash.AppendData(Encoding.UTF8.GetBytes($"{device}\n{request.Method}\n{request.Path}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }
}
