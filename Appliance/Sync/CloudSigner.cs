using Pos.Appliance.Telemetry;
using Pos.Contracts.Sync;

namespace Pos.Appliance.Sync;

/// <summary>
/// Signs what the store sends with its secret, at the cloud's time: the store clock plus the offset learned from the
/// cloud's 401 answers (which tell the cloud's time), so a store clock that is minutes off does not stop sync.
/// Pure: a clock and a secret in, a header out; the sending is the caller's.
/// </summary>
public sealed class CloudSigner(byte[] secret, TimeProvider storeTime)
{
    private long _offsetTicks;

    /// <summary>How far the cloud's clock is ahead of the store clock, as last learned.</summary>
    public TimeSpan ClockOffset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>
    /// Sends <paramref name="signed"/> signed, through <paramref name="send"/>. A 401 that tells the cloud's time, when the
    /// signature's time was off by half the tolerance or more, is learned from and the request signed and sent once more.
    /// </summary>
    public async Task<CloudReply> SendAsync(byte[] signed, Func<string, Task<CloudReply>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            var sentAt = storeTime.GetUtcNow();
            var reply = await send(BatchSignature.Sign(secret, sentAt + ClockOffset, signed));
            if (reply is not CloudReply.Unauthorized { CloudTime: { } cloudNow } || attempt > 1 || !Learn(cloudNow, sentAt, storeTime.GetUtcNow()))
            {
                return reply;
            }
        }
    }

    /// <summary>
    /// The cloud said its time was <paramref name="cloudNow"/> for a request sent at <paramref name="sentAt"/> (store clock)
    /// and answered by <paramref name="receivedAt"/>: true when the signature's time was off and the offset is learned.
    /// </summary>
    public bool Learn(DateTimeOffset cloudNow, DateTimeOffset sentAt, DateTimeOffset receivedAt)
    {
        if ((cloudNow - (sentAt + ClockOffset)).Duration() < BatchSignature.Tolerance / 2)
        {
            return false; // the clock was fine: the credential is wrong
        }
        // Half the round trip is the best guess of when the cloud read its clock.
        var offset = cloudNow - (sentAt + (receivedAt - sentAt) / 2);
        Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
        ApplianceTelemetry.SyncClockCorrections.Add(1);
        return true;
    }
}
