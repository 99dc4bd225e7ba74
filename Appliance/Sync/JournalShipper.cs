using System.Diagnostics;
using Pos.Appliance.Telemetry;
using Pos.Contracts.Sync;

namespace Pos.Appliance.Sync;

/// <summary>
/// Ships the journal a batch at a time: reads the next page after the acknowledged checkpoint, builds the batch body
/// (the events that fit in one body, at least one) and signs it, sends it, and records what the cloud acknowledged.
/// The checkpoint moves only on the cloud's word, so it is never ahead of what the cloud holds; a gap the cloud reports
/// (it holds less, e.g. restored from a backup) moves it back to where the cloud stopped.
/// </summary>
public sealed class JournalShipper(
    ISyncJournal journal, ICloudSync cloud, ISyncCheckpoints checkpoints, CloudSigner signer, TimeProvider time, int batchSize)
{
    /// <summary>The acknowledged seq as last read or written: only the shipper moves it, so it is read once.</summary>
    private long? _acked;

    /// <summary>Sends the next batch: <see cref="SyncOutcome.Shipped"/>, <see cref="SyncOutcome.Rewound"/>, <see cref="SyncOutcome.CaughtUp"/> or <see cref="SyncOutcome.CloudFailed"/>.</summary>
    public async Task<SyncOutcome> ShipNextAsync(CancellationToken cancellationToken)
    {
        var acked = _acked ??= (await checkpoints.ReadAsync(cancellationToken)).AckedSeq;
        var started = Stopwatch.GetTimestamp();
        var page = await journal.ReadAfterAsync(acked, batchSize, cancellationToken);
        if (page.Events.Count == 0)
        {
            return new SyncOutcome.CaughtUp();
        }
        var body = JournalBatch.Write(page.Events, page.HeadSeq, JournalBatch.MaxBytes, out var count);
        var sentThrough = page.Events[count - 1].Seq;
        var reply = await signer.SendAsync(body, signature => cloud.SendBatchAsync(body, signature, cancellationToken));
        switch (reply)
        {
            case CloudReply.Acked(var ackedSeq):
                await checkpoints.AckedAsync(ackedSeq, time.GetUtcNow(), cancellationToken);
                _acked = ackedSeq;
                ApplianceTelemetry.SyncEventsAcked.Add(Math.Max(0, ackedSeq - acked));
                ApplianceTelemetry.SyncBatchDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return new SyncOutcome.Shipped(acked, ackedSeq, sentThrough);
            case CloudReply.Gap(var expectedSeq):
                await checkpoints.AckedAsync(expectedSeq - 1, time.GetUtcNow(), cancellationToken);
                _acked = expectedSeq - 1;
                return new SyncOutcome.Rewound(acked, expectedSeq - 1);
            default:
                return new SyncOutcome.CloudFailed(Describe(reply, $"the batch of seq {page.Events[0].Seq}-{sentThrough} ({body.Length:N0} bytes)"));
        }
    }

    /// <summary>What a reply that is not an answer to the request says, in words for the status and the log.</summary>
    internal static string Describe(CloudReply reply, string what) => reply switch
    {
        CloudReply.Unavailable(var message) => message,
        CloudReply.Refused(var message) => message,
        CloudReply.Unauthorized(_, var message) => message,
        _ => $"The cloud answered {reply.GetType().Name} to {what}.",
    };
}
