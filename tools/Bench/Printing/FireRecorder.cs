using System.Collections.Concurrent;
using System.Diagnostics;

namespace Pos.Bench.Printing;

/// <summary>One side's measured run: latencies, throughput and everything that went wrong.</summary>
internal sealed record FireResult(
    string Side,
    LatencyStats Latency,
    double TicketsPerSecond,
    LatencyStats? FireAnswered,
    long Missing,
    long FailedRequests,
    long Duplicates,
    long Stray,
    IReadOnlyList<string> Problems)
{
    public long Errors => Missing + FailedRequests + Duplicates;
}

/// <summary>
/// Collects one side's samples from all its clients. Latency is from just before the fire (or the raw write) to the
/// last byte of the order's later ticket; throughput is tickets over the span from the first fire to the last ticket.
/// </summary>
internal sealed class FireRecorder
{
    private const int KeptProblems = 5;

    private readonly ConcurrentQueue<(long Started, long LastTicketAt)> _printed = new();
    private readonly ConcurrentQueue<long> _fireAnswers = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private long _missing;
    private long _failedRequests;

    public void Printed(long started, long lastTicketAt) => _printed.Enqueue((started, lastTicketAt));

    /// <summary>How long the fire request itself took to be answered (the appliance side only).</summary>
    public void FireAnswered(long ticks) => _fireAnswers.Enqueue(ticks);

    public void Lost(ExpectedOrder order, TimeSpan after)
    {
        Interlocked.Increment(ref _missing);
        Problem($"order #{order.Number}: no {order.Missing} ticket within {after.TotalSeconds:F0} s");
    }

    public void Failed(string error)
    {
        Interlocked.Increment(ref _failedRequests);
        Problem(error);
    }

    public FireResult Result(string side, TicketTracker tracker, bool appliance)
    {
        var printed = _printed.ToArray();
        var latency = LatencyStats.FromStopwatchTicks(printed.Select(p => p.LastTicketAt - p.Started));
        var spanSeconds = printed.Length == 0
            ? 0
            : (printed.Max(p => p.LastTicketAt) - printed.Min(p => p.Started)) / (double)Stopwatch.Frequency;
        return new FireResult(
            side,
            latency,
            spanSeconds > 0 ? 2 * latency.Count / spanSeconds : 0,
            appliance ? LatencyStats.FromStopwatchTicks(_fireAnswers) : null,
            Interlocked.Read(ref _missing),
            Interlocked.Read(ref _failedRequests),
            tracker.Duplicates,
            tracker.Stray,
            [.. _problems, .. tracker.DuplicateExamples]);
    }

    private void Problem(string description)
    {
        if (_problems.Count < KeptProblems)
        {
            _problems.Enqueue(description);
        }
    }
}
