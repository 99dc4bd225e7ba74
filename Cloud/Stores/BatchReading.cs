using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Pos.Cloud.Hosting;
using Pos.Contracts.Sync;
using Pos.Hosting.Access;

namespace Pos.Cloud.Stores;

/// <summary>
/// The reading half of <see cref="StoresApi.PostJournal"/>: a batch whose store is known and whose signature header is
/// well formed and fresh gets one of the readers (<see cref="BatchIntake"/>), at most two per client, and its body is
/// read into the signature's MAC within the time and rate limits. A body that does not come whole (too large, too
/// slow, the client gone) counts as a failed authentication of its client, like a signature that does not match: the
/// body was sent unauthenticated, and sending such bodies is how readers are held.
/// </summary>
internal static class BatchReading
{
    /// <summary>
    /// The body, whose MAC matches the signature under the store's current secret (computed as the body arrives) or,
    /// over the bytes read, its previous secret while that one's grace lasts, or the keys <paramref name="reload"/>
    /// finds rotated through another silo; or the answer when it cannot be had.
    /// </summary>
    public static async Task<(BatchBody? Body, IResult? Problem)> ReadAsync(
        HttpContext http, BatchIntake intake, FailedAuthenticationLimit failures, StoreKeys keys, StoreKeyReload? reload,
        BatchSignature.Signature signature, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limits = intake.Limits;
        var client = http.Connection.RemoteIpAddress;
        if (http.Request.ContentLength > limits.MaxBytes)
        {
            failures.Failed(client);
            return (null, TooLarge(http, limits.MaxBytes));
        }
        LimitBody(http, limits);

        var entry = await intake.EnterAsync(client, cancellationToken);
        using var reader = entry.Reader;
        if (reader is null)
        {
            return (null, Busy(http, entry.Refusal, limits));
        }
        using var mac = BatchSignature.Start(keys.Current, signature.Timestamp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.ReadWithin);
        BatchBody? body;
        try
        {
            body = await BatchBody.ReadAsync(http.Request.Body, mac, limits.MaxBytes, deadline.Token);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }
        catch (Exception e) when (TooSlow(e, cancellationToken))
        {
            failures.Failed(client);
            http.Response.Headers.Connection = "close";
            return (null, CloudProblems.Of(StatusCodes.Status408RequestTimeout, "batch-too-slow", "The batch took too long to arrive",
                $"The batch did not arrive within {limits.ReadWithin.TotalSeconds:0} s, or arrived slower than "
                + $"{limits.MinBodyRate?.BytesPerSecond ?? 240:0} bytes a second; send it again, or in smaller batches."));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client went away mid-body, or ended it early: the answer most likely reaches nobody, but it counts.
            failures.Failed(client);
            http.Response.Headers.Connection = "close";
            return (null, CloudProblems.Of(StatusCodes.Status400BadRequest, "bad-request", "The batch could not be read",
                "The batch's body ended before it was whole; send it again."));
        }
        if (body is null)
        {
            intake.Refused(limits.MaxBytes);
            failures.Failed(client);
            return (null, TooLarge(http, limits.MaxBytes));
        }
        if (!BatchSignature.Matches(signature, mac.GetHashAndReset())
            && !keys.PreviousMatches(signature, body.Bytes, now)
            && !(reload is not null && await reload(keys, cancellationToken) is { } fresh && fresh.Matches(signature, body.Bytes, now)))
        {
            intake.Refused(body.Length);
            body.Dispose();
            return (null, StoresApi.Unauthenticated(http, failures, BatchSignature.Mismatch, now, bodyRead: true));
        }
        return (body, null);
    }

    /// <summary>The store's keys as the database holds them if they differ from those held (null: they do not).</summary>
    public delegate Task<StoreKeys?> StoreKeyReload(StoreKeys held, CancellationToken cancellationToken);

    /// <summary>Our deadline passed (the request itself was not aborted), or Kestrel found the body below its minimum rate.</summary>
    private static bool TooSlow(Exception e, CancellationToken request) =>
        (e is OperationCanceledException && !request.IsCancellationRequested)
        || e is BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout };

    /// <summary>The body's size and rate limits: a chunked body is stopped at the size too; a slow one is dropped early.</summary>
    private static void LimitBody(HttpContext http, BatchIntakeLimits limits)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limits.MaxBytes;
        }
        if (limits.MinBodyRate is { } rate && http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            try
            {
                minRate.MinDataRate = rate;
            }
            catch (NotSupportedException)
            {
                // HTTP/2 takes no per-request rate (only none at all); its connection-level limits apply.
            }
        }
    }

    private static IResult Busy(HttpContext http, IntakeRefusal refusal, BatchIntakeLimits limits)
    {
        http.Response.Headers.Connection = "close"; // the body is not read: close rather than drain it
        return CloudProblems.TryAgain(http, "Send the batch again", refusal == IntakeRefusal.ClientBusy
            ? $"This address has {limits.ReadersPerClient} batches being read already; nothing of this one was read or stored. Send one batch at a time, this one again."
            : "The cloud is reading as many batches as it takes at once; nothing was read or stored. Send the batch again.");
    }

    private static IResult TooLarge(HttpContext http, int maxBytes)
    {
        http.Response.Headers.Connection = "close";
        return CloudProblems.Of(StatusCodes.Status413PayloadTooLarge, "batch-too-large", "The batch is too large",
            $"Send at most {maxBytes:N0} bytes per batch (fewer events per batch); nothing of this one was stored.");
    }
}
