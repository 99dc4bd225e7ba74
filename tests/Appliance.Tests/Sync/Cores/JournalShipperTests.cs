using System.Text;
using Microsoft.Extensions.Time.Testing;
using Pos.Appliance.Sync;
using Pos.Contracts.Sync;

namespace Pos.Appliance.Tests.Sync.Cores;

/// <summary>The journal shipper as pure code: a journal, a cloud and a checkpoint in memory, a clock the test moves.</summary>
public sealed class JournalShipperTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("store-secret-for-the-shipper-tests");
    private readonly FakeJournal _journal = new();
    private readonly FakeCheckpoints _checkpoints = new();
    private readonly FakeCloud _cloud = new(Secret);
    private readonly FakeTimeProvider _storeTime = new(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
    private readonly CloudSigner _signer;
    private readonly JournalShipper _shipper;

    public JournalShipperTests()
    {
        _signer = new CloudSigner(Secret, _storeTime);
        _shipper = new JournalShipper(_journal, _cloud, _checkpoints, _signer, _storeTime, batchSize: 4);
    }

    [Fact]
    public async Task Ships_the_page_after_the_checkpoint_signed_and_records_the_clouds_ack()
    {
        _journal.Append(6);

        Assert.Equal(new SyncOutcome.Shipped(0, 4, 4), await _shipper.ShipNextAsync(CancellationToken.None));
        Assert.Equal(new SyncOutcome.Shipped(4, 6, 6), await _shipper.ShipNextAsync(CancellationToken.None));
        Assert.IsType<SyncOutcome.CaughtUp>(await _shipper.ShipNextAsync(CancellationToken.None));

        Assert.Equal([4L, 6L], _checkpoints.Acks);
        var (body, signature) = _cloud.Batches[0];
        Assert.Null(BatchSignature.Verify(signature, Secret, _cloud.Now, body));
        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(6, json.RootElement.GetProperty("headSeq").GetInt64());
        Assert.Equal([1L, 2L, 3L, 4L], json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task The_checkpoint_is_never_ahead_of_the_clouds_ack()
    {
        _journal.Append(4);
        _cloud.Answer = _ => new CloudReply.Acked(2); // the cloud stored only part of the batch

        Assert.Equal(new SyncOutcome.Shipped(0, 2, 4), await _shipper.ShipNextAsync(CancellationToken.None));

        Assert.Equal(2, _checkpoints.Row.AckedSeq);
    }

    [Fact]
    public async Task A_cloud_away_or_refusing_leaves_the_checkpoint_where_it_was()
    {
        _journal.Append(3);
        _cloud.Answer = _ => new CloudReply.Unavailable("The cloud at http://cloud cannot be reached: Connection refused");

        var outcome = await _shipper.ShipNextAsync(CancellationToken.None);

        Assert.Equal(new SyncOutcome.CloudFailed("The cloud at http://cloud cannot be reached: Connection refused"), outcome);
        Assert.Empty(_checkpoints.Acks);
        Assert.Equal(0, _checkpoints.Row.AckedSeq);
    }

    [Fact]
    public async Task A_gap_the_cloud_reports_moves_the_checkpoint_back_to_where_the_cloud_stopped()
    {
        _journal.Append(8);
        await _shipper.ShipNextAsync(CancellationToken.None);
        await _shipper.ShipNextAsync(CancellationToken.None);
        _journal.Append(1);
        _cloud.Answer = seqs => seqs[0] == 9 ? new CloudReply.Gap(3) : new CloudReply.Acked(seqs[^1]); // restored from a backup

        Assert.Equal(new SyncOutcome.Rewound(8, 2), await _shipper.ShipNextAsync(CancellationToken.None));
        Assert.Equal(new SyncOutcome.Shipped(2, 6, 6), await _shipper.ShipNextAsync(CancellationToken.None));
        Assert.Equal([4L, 8L, 2L, 6L], _checkpoints.Acks);
    }

    [Fact]
    public async Task A_page_larger_than_one_body_goes_up_in_several_batches()
    {
        _journal.Append(3, dataBytes: 1_500_000); // three events of 1.5 MB: two fit in the 4 MiB a body may have

        Assert.Equal(new SyncOutcome.Shipped(0, 2, 2), await _shipper.ShipNextAsync(CancellationToken.None));
        Assert.Equal(new SyncOutcome.Shipped(2, 3, 3), await _shipper.ShipNextAsync(CancellationToken.None));
        Assert.All(_cloud.Batches, b => Assert.True(b.Body.Length <= JournalBatch.MaxBytes));
    }

    [Fact]
    public async Task A_store_clock_minutes_off_is_corrected_from_the_clouds_401_and_the_batch_signed_again()
    {
        _journal.Append(2);
        _cloud.Now = _storeTime.GetUtcNow() + TimeSpan.FromMinutes(7); // the store's clock is seven minutes slow

        Assert.Equal(new SyncOutcome.Shipped(0, 2, 2), await _shipper.ShipNextAsync(CancellationToken.None));

        Assert.Equal(2, _cloud.Batches.Count);
        Assert.Equal(TimeSpan.FromMinutes(7), _signer.ClockOffset);
        _journal.Append(1);
        Assert.Equal(new SyncOutcome.Shipped(2, 3, 3), await _shipper.ShipNextAsync(CancellationToken.None));
        Assert.Equal(3, _cloud.Batches.Count); // signed right the first time from now on
    }

    [Fact]
    public async Task A_401_when_the_clock_was_right_is_a_wrong_credential_and_is_not_sent_again()
    {
        _journal.Append(1);
        var wrong = new FakeCloud(Encoding.UTF8.GetBytes("another-secret")) { Now = _cloud.Now };
        var shipper = new JournalShipper(_journal, wrong, _checkpoints, _signer, _storeTime, batchSize: 4);

        var outcome = await shipper.ShipNextAsync(CancellationToken.None);

        Assert.Equal(new SyncOutcome.CloudFailed(BatchSignature.Mismatch), outcome);
        Assert.Single(wrong.Batches);
        Assert.Equal(TimeSpan.Zero, _signer.ClockOffset);
    }
}
