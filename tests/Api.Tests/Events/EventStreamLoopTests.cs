using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pos.Api.Events;
using Pos.Contracts.Journal;
using Pos.Grains.Journal;
using Pos.Tests.Shared;

namespace Pos.Api.Tests.Events;

/// <summary>The event stream's loop against a pipe and a journal of the test's own: backpressure and outages, with no socket.</summary>
public sealed class EventStreamLoopTests
{
    private const int PauseAt = 64 * 1024;

    /// <summary>A journal as long as anyone reads, of events of about a kilobyte; or away while <see cref="Away"/> is set.</summary>
    private sealed class EndlessJournal : IJournalFeed
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public volatile bool Away;

        public Task<JournalPage> ReadAsync(long after, int limit, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            if (Away)
            {
                throw new JournalUnavailableException("The test's database is away.");
            }
            var events = Enumerable.Range(1, limit).Select(i => new JournalEntry(
                after + i, Guid.NewGuid(), $"order-{Guid.Empty}", (int)after + i, "LineAdded", DateTimeOffset.UnixEpoch, "till-1", null,
                $$"""{"note":"{{new string('n', 1000)}}"}""")).ToList();
            return Task.FromResult(new JournalPage(events, after + limit, after + limit));
        }

        public Task<IReadOnlyList<JournalEntry>> ReadBusinessDateAsync(DateOnly businessDate, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<long> HeadSeqAsync(CancellationToken cancellationToken = default) => Task.FromResult(long.MaxValue);
    }

    private static (EventStreamLoop Loop, JournalCommitSignal Signal) NewLoop(IJournalFeed feed, TimeProvider time)
    {
        var signal = new JournalCommitSignal();
        var loop = new EventStreamLoop(feed, signal, new EventStreamOptions(), time, [], EventJson.Options, NullLogger.Instance);
        return (loop, signal);
    }

    /// <summary>
    /// Waits for what the loop flushed and answers how much it is, examining none of it: a reader that examined
    /// everything would let the writer go on (it asks for more), one that examined nothing holds it at the limit.
    /// </summary>
    private static async Task<long> UnreadAsync(PipeReader reader)
    {
        var read = await reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        reader.AdvanceTo(read.Buffer.Start);
        return read.Buffer.Length;
    }

    [Fact]
    public async Task The_readers_own_revocation_ends_its_stream_before_it_is_written_even_while_its_token_still_works()
    {
        var journal = new EndlessJournal();
        var (loop, signal) = NewLoop(journal, new FakeTimeProvider());
        var pipe = new Pipe();
        var at = DateTimeOffset.Parse("2026-11-25T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        JournalEntry Entry(long seq, string stream, string type) => new(seq, Guid.NewGuid(), stream, 1, type, at, "admin", null, "{}");
        var first = new JournalPage(
            [Entry(1, "order-1", "OrderOpened"), Entry(2, "device-phone-2", "DeviceRevoked"), Entry(3, "device-phone-1", "DeviceRevoked"),
             Entry(4, "order-1", "LineAdded")], 4, 4);

        // The directory has not forgotten the token yet (stillAllowed is true): the entry itself ends the stream.
        await loop.StreamAsync(pipe.Writer, null, 0, signal.Next, first, () => true, "device-phone-1", CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
        await pipe.Writer.CompleteAsync();

        var written = Encoding.UTF8.GetString((await pipe.Reader.ReadAsync()).Buffer.ToArray());
        Assert.Contains("id: 2\n", written, StringComparison.Ordinal);
        Assert.DoesNotContain("id: 3\n", written, StringComparison.Ordinal);
        Assert.DoesNotContain("id: 4\n", written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_that_does_not_read_stops_the_loop_at_one_page_past_the_pipes_limit()
    {
        var journal = new EndlessJournal();
        var (loop, signal) = NewLoop(journal, new FakeTimeProvider());
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseAt, resumeWriterThreshold: PauseAt / 2));
        var first = await journal.ReadAsync(0, 100);
        var run = loop.StreamAsync(pipe.Writer, null, 0, signal.Next, first, () => true, null, CancellationToken.None);

        for (var round = 1; round <= 3; round++)
        {
            // A page is about 110 KB: written whole, then the flush waits for the reader, and nothing more is read.
            var unread = await UnreadAsync(pipe.Reader);
            Assert.InRange(unread, PauseAt, PauseAt + 120 * 1024);
            Assert.True(round == journal.Reads, $"round {round}: {journal.Reads} reads, {unread} unread");
            Assert.False(run.IsCompleted);
            // The reader takes everything: the loop reads one page more and waits again.
            var all = await pipe.Reader.ReadAsync();
            pipe.Reader.AdvanceTo(all.Buffer.End);
        }

        await pipe.Reader.CompleteAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10)); // the reader went: the loop ends
    }

    [Fact]
    public async Task While_the_journal_is_away_the_stream_stays_open_with_keep_alives_and_goes_on_after_the_seq_it_had()
    {
        var journal = new EndlessJournal();
        var time = new FakeTimeProvider();
        var (loop, signal) = NewLoop(journal, time);
        var pipe = new Pipe();
        using var stop = new CancellationTokenSource();
        var run = loop.StreamAsync(pipe.Writer, null, 0, signal.Next, new JournalPage([], 0, 0), () => true, null, stop.Token);
        var text = new StringBuilder();

        journal.Away = true;
        signal.Notify(); // a commit: the loop reads, and finds the journal away
        await Poll.UntilAsync(() => Task.FromResult(journal.Reads), r => r >= 1, TimeSpan.FromSeconds(10), "a read while away");
        // 16 s of the stream's clock in steps of 2 s: a read every 2 s, each failing, and a keep-alive after 15 s.
        for (var i = 0; i < 8; i++)
        {
            var before = journal.Reads;
            time.Advance(TimeSpan.FromSeconds(2));
            // The loop may set its 2 s wait only after the clock moved (it was still handling the failed read): the clock
            // moves on by half seconds until the read comes, never back, so the stream's time only grows.
            await Poll.UntilAsync(() =>
            {
                if (journal.Reads == before)
                {
                    time.Advance(TimeSpan.FromMilliseconds(500));
                }
                return Task.FromResult(journal.Reads);
            }, r => r > before, TimeSpan.FromSeconds(10), "a read again after 2 s");
        }
        Assert.False(run.IsCompleted);
        text.Append(await DrainAsync(pipe.Reader, ": keep-alive\n\n"));

        journal.Away = false;
        time.Advance(TimeSpan.FromSeconds(2));
        text.Append(await DrainAsync(pipe.Reader, "id: 1\nevent: LineAdded\n"));
        Assert.StartsWith("retry: 2000\nid: 0\n\n", text.ToString(), StringComparison.Ordinal);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private static async Task<string> DrainAsync(PipeReader reader, string until)
    {
        var text = new StringBuilder();
        while (!text.ToString().Contains(until, StringComparison.Ordinal))
        {
            var read = await reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            text.Append(Encoding.UTF8.GetString(read.Buffer.ToArray()));
            reader.AdvanceTo(read.Buffer.End);
        }
        return text.ToString();
    }
}
