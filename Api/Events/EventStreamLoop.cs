using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pos.Api.Problems;
using Pos.Contracts.Devices;
using Pos.Contracts.Journal;
using Pos.Grains.Journal;

namespace Pos.Api.Events;

/// <summary>
/// The loop of one open event stream, apart from HTTP so a test can run it against a pipe: writes the opening and the
/// first page, then waits for a commit (or the keep-alive), reads the next page after its cursor, writes the events of
/// the chosen kinds and flushes. The flush is where a slow reader holds the loop: it completes once the pipe has room,
/// so what one stream holds is a page and the pipe's own limit. Returns when the reader closed its side, or when
/// <c>stillAllowed</c> says the reader may no longer read (its device was revoked): asked before each page and each
/// keep-alive, so a revoked device's stream ends at the next commit (its revocation is one) or keep-alive.
/// </summary>
public sealed partial class EventStreamLoop(
    IJournalFeed feed, JournalCommitSignal signal, EventStreamOptions options, TimeProvider time, IOutageDetector[] outages,
    JsonSerializerOptions json, ILogger logger)
{
    public async Task StreamAsync(
        PipeWriter output, IReadOnlySet<string>? kinds, long cursor, Task committed, JournalPage first, Func<bool> stillAllowed,
        string? readerStream, CancellationToken cancellationToken)
    {
        EventStreamWriter.WriteOpening(output, options.Reconnect, cursor);
        JournalPage? page = first;
        var quietSince = time.GetUtcNow();
        var away = false;
        while (true)
        {
            if (!stillAllowed())
            {
                return; // revoked: nothing more for this reader
            }
            if (page is not null)
            {
                foreach (var entry in page.Events)
                {
                    if (entry.StreamId == readerStream && entry.Type == nameof(DeviceRevoked))
                    {
                        // The reader's own revocation: committed, while the directory may not have forgotten its token
                        // yet. Nothing from it on reaches the reader, the revocation included.
                        await output.FlushAsync(cancellationToken);
                        return;
                    }
                    if (StreamKinds.Covers(kinds, entry.StreamId))
                    {
                        EventStreamWriter.WriteEvent(output, entry, json);
                        quietSince = time.GetUtcNow();
                    }
                }
                cursor = Math.Max(cursor, page.LastSeq);
                if ((await output.FlushAsync(cancellationToken)).IsCompleted)
                {
                    return; // the client closed its side
                }
                if (page.Events.Count >= options.PageSize)
                {
                    (committed, page) = await ReadAsync(cursor, cancellationToken);
                    continue; // more is written already: no wait
                }
            }
            var keepAliveAt = quietSince + options.KeepAlive;
            var wait = keepAliveAt - time.GetUtcNow();
            if (page is null && options.OutageRetry < wait)
            {
                wait = options.OutageRetry;
            }
            if (wait > TimeSpan.Zero)
            {
                await WaitAsync(committed, wait, cancellationToken);
            }
            if (time.GetUtcNow() >= keepAliveAt && stillAllowed())
            {
                EventStreamWriter.WriteKeepAlive(output);
                quietSince = time.GetUtcNow();
                if ((await output.FlushAsync(cancellationToken)).IsCompleted)
                {
                    return;
                }
            }
            if (page is not null && !committed.IsCompleted)
            {
                // Woken by the keep-alive, nothing committed: nothing to read.
                page = page with { Events = [] };
                continue;
            }
            (committed, page) = await ReadAsync(cursor, cancellationToken);
            if (page is null != away)
            {
                away = page is null;
                if (away)
                {
                    LogJournalAway(logger, cursor);
                }
            }
        }
    }

    /// <summary>
    /// The next page, or null while the database is away (the stream waits and reads again); with the commit signal
    /// taken before the read, so a commit that lands after the read still wakes the wait that follows.
    /// </summary>
    private async Task<(Task Committed, JournalPage? Page)> ReadAsync(long cursor, CancellationToken cancellationToken)
    {
        var committed = signal.Next;
        try
        {
            return (committed, await feed.ReadAsync(cursor, options.PageSize, cancellationToken));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && RequestProblemHandler.IsUnavailable(e, outages))
        {
            return (committed, null);
        }
    }

    /// <summary>Until something is committed or <paramref name="wait"/> has passed, by the stream's clock.</summary>
    private async Task WaitAsync(Task committed, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(wait, time, done.Token);
        await Task.WhenAny(committed, timer);
        await done.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    // Debug: the outage itself is said once by the journal's writer and the health check, not once per open stream.
    [LoggerMessage(Level = LogLevel.Debug, Message = "An event stream waits for the journal's database (after seq {Cursor}); it reads again when it answers")]
    private static partial void LogJournalAway(ILogger logger, long cursor);
}
