using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Pos.Api.Auth;
using Pos.Api.Commands;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Api.Idempotency;

/// <summary>The Idempotency-Key of the request being handled: the key it is kept under and the request's fingerprint.</summary>
public sealed record IdempotencyFeature(RepeatKey Key);

/// <summary>
/// The single routes' entrance to the repeat rules (<see cref="RepeatRules"/>, shared with the device batches through
/// <see cref="RepeatGate"/>): <c>Idempotency-Key</c> on a mutating request. A key seen before with the same request
/// answers the first answer again (its status, body and ETag, with <c>Idempotent-Replayed: true</c>); with another
/// request, 422; while the first is still running, 409. Keys belong to the device (or the admin) that sent them. The
/// answer itself is kept by the journal, in the same transaction as the command's events.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, RepeatGate gate)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

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
        if (sent.Length is 0 or > MaxKeyLength || TextRules.Check(Header, sent, MaxKeyLength, identifier: true) is not null)
        {
            await Problems.Problems.Invalid(Header, $"{Header} must be 1 to {MaxKeyLength} characters, without control characters.").ExecuteAsync(context);
            return;
        }
        var key = new RepeatKey(CommandKeys.OfRequest(context.User.DeviceId(), sent), await FingerprintAsync(context.Request));
        using var check = await gate.CheckAsync(key, CommandSource.Request, context.RequestAborted);
        switch (check.Verdict)
        {
            case RepeatVerdict.FirstTime:
                context.Features.Set(new IdempotencyFeature(key));
                await next(context);
                break;
            case RepeatVerdict.Repeat:
                await ReplayAsync(context, check.Kept!);
                break;
            case RepeatVerdict.InFlight:
                await Problems.Problems.Of(ErrorCodes.IdempotencyKeyInFlight,
                    "The first request with this key has not finished; retry in a moment.").ExecuteAsync(context);
                break;
            default:
                await Problems.Problems.Of(ErrorCodes.IdempotencyKeyReused,
                    "This Idempotency-Key was already used for a different request; use a new key for a new request.").ExecuteAsync(context);
                break;
        }
    }

    /// <summary>The first answer, again: its status (a problem's own, else the route's success), its ETag, its body.</summary>
    private static async Task ReplayAsync(HttpContext context, KeptAnswer kept)
    {
        var problem = KeptAnswers.IsProblem(kept);
        context.Response.StatusCode = KeptAnswers.StatusOf(kept, SuccessStatusOf(context.GetEndpoint()));
        context.Response.ContentType = problem ? "application/problem+json" : "application/json; charset=utf-8";
        if (KeptAnswers.ETagOf(kept) is { } etag)
        {
            context.Response.Headers.ETag = etag;
        }
        context.Response.Headers[ReplayedHeader] = "true";
        var body = await KeptAnswers.BodyOfAsync(kept, context.RequestServices.GetRequiredService<IGrainFactory>());
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>The status the route answers a success with: the first 2xx it declares (201 for a create, else 200).</summary>
    private static int SuccessStatusOf(Endpoint? endpoint) =>
        endpoint?.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
            .Select(m => m.StatusCode).Where(s => s is >= 200 and < 300).DefaultIfEmpty(StatusCodes.Status200OK).Min()
        ?? StatusCodes.Status200OK;

    private static async Task<byte[]> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The device is part of the fingerprint: one device can never replay another's response. So is the query
        // (force=true, graceMinutes): the same key with another query is another request.
        var device = request.HttpContext.User.DeviceId();
        hash.AppendData(Encoding.UTF8.GetBytes($"{device}\n{request.Method}\n{request.Path}{request.QueryString}\n"));
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
