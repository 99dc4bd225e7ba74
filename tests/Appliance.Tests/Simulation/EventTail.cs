using Pos.Client.Live;
using Pos.Contracts.Journal;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// A device reading <c>GET /api/v1/events</c> through the client library's <see cref="EventStreamReader"/>, every kind
/// of stream, from just after <see cref="After"/>, keeping each entry as it came: what the simulation holds against
/// the journal (each event once, in seq order, none missing) and, for a revoked device, what its stream gave before
/// it ended.
/// </summary>
internal sealed class EventTail : IAsyncDisposable
{
    // Short waits: the simulation's appliance is on loopback, and a revoked device's stream must end within a seed.
    private static readonly EventStreamReaderOptions Options = new()
    {
        ReconnectDelay = TimeSpan.FromMilliseconds(100),
        FirstRetry = TimeSpan.FromMilliseconds(100),
        LongestRetry = TimeSpan.FromSeconds(1),
    };

    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<JournalEventResponse> _read = [];
    private readonly Task _reading;

    private EventTail(HttpClient http, long after)
    {
        After = after;
        Reader = new EventStreamReader(http, Options);
        Reader.StateChanged += state =>
        {
            if (state is EventStreamState.Connected or EventStreamState.Revoked)
            {
                _open.TrySetResult();
            }
        };
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>The seq the reading started after.</summary>
    public long After { get; }

    public EventStreamReader Reader { get; }

    /// <summary>Completes when the reader stopped by itself (the token was refused); faults on a bug.</summary>
    public Task Reading => _reading;

    /// <summary>The entries read so far, in the order they came.</summary>
    public IReadOnlyList<JournalEventResponse> Read
    {
        get
        {
            lock (_gate)
            {
                return [.. _read];
            }
        }
    }

    /// <summary>The seq of the last entry read (<see cref="After"/> before any).</summary>
    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _read.Count == 0 ? After : _read[^1].Seq;
            }
        }
    }

    /// <summary>Opens the stream with <paramref name="http"/>'s token; returns once it is open (or was refused).</summary>
    public static async Task<EventTail> StartAsync(HttpClient http, long after)
    {
        var tail = new EventTail(http, after);
        await tail._open.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return tail;
    }

    /// <summary>Fails when the reading stopped while it should still run (refused, or a fault: its exception).</summary>
    public void EnsureReading(string who)
    {
        if (_reading.IsFaulted)
        {
            throw new InvalidOperationException($"{who}'s event stream failed.", _reading.Exception);
        }
        Assert.False(_reading.IsCompleted, $"{who}'s event stream ended (reader {Reader.State}).");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var entry in Reader.ReadAsync(After, null, _stop.Token))
            {
                lock (_gate)
                {
                    _read.Add(entry);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
        finally
        {
            _open.TrySetResult();
        }
    }
}
