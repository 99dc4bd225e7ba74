using Pos.Contracts.Journal;
using Pos.Contracts.Printing;

namespace Pos.Grains.Printing;

/// <summary>
/// One printer's jobs, as pure state: the queue in print order (the seq at which each job reached this printer),
/// the jobs the printer confirmed but the journal has not recorded yet (never sent again), the moves to a backup,
/// and the recent history people list. Rebuilt from the journal's print-job events on activation.
/// </summary>
public sealed class PrintQueue
{
    private readonly Dictionary<Guid, PrintJob> _jobs = [];
    private readonly List<PrintJob> _waiting = [];
    private readonly HashSet<Guid> _confirmedNotRecorded = [];
    private readonly int _recentJobs;

    public PrintQueue(string printerId, int recentJobs)
    {
        PrinterId = printerId;
        _recentJobs = recentJobs;
    }

    public string PrinterId { get; }

    /// <summary>Jobs waiting for this printer, in print order.</summary>
    public IReadOnlyList<PrintJob> Waiting => _waiting;

    public int Depth => _waiting.Count;

    /// <summary>Queued jobs that were sent before (an outcome unknown): they print again marked REPRINT.</summary>
    public int Unconfirmed => _waiting.Count(j => j.Attempts > 0);

    /// <summary>Something to send or to record: the printer has work.</summary>
    public bool HasWork => _waiting.Count > 0 || _confirmedNotRecorded.Count > 0;

    /// <summary>The queue as the journal has it: every job queued for or moved to the printer.</summary>
    public static PrintQueue Recover(string printerId, int recentJobs, IEnumerable<JournalEntry> entries)
    {
        var queue = new PrintQueue(printerId, recentJobs);
        foreach (var job in PrintJob.FromJournal(entries))
        {
            queue.Track(job);
        }
        return queue;
    }

    public PrintJob? Find(Guid jobId) => _jobs.GetValueOrDefault(jobId);

    /// <summary>The job is known here and belongs to this printer (not moved away).</summary>
    public bool Holds(Guid jobId) => _jobs.TryGetValue(jobId, out var known) && known.PrinterId == PrinterId;

    public bool Knows(Guid jobId) => _jobs.ContainsKey(jobId);

    /// <summary>Takes a job in, or its newer state: it waits in seq order while it is this printer's and unprinted.</summary>
    public void Track(PrintJob job)
    {
        _jobs[job.JobId] = job;
        _waiting.RemoveAll(j => j.JobId == job.JobId);
        if (job.PrinterId == PrinterId && !job.IsDone)
        {
            var at = _waiting.FindIndex(j => j.ArrivedSeq > job.ArrivedSeq);
            _waiting.Insert(at < 0 ? _waiting.Count : at, job);
        }
        if (job.IsPrinted)
        {
            _confirmedNotRecorded.Remove(job.JobId);
        }
    }

    /// <summary>The head of the queue to send next on one connection; a confirmed ticket is never sent again.</summary>
    public IReadOnlyList<PrintJob> NextBatch(int max) =>
        [.. _waiting.Where(j => !_confirmedNotRecorded.Contains(j.JobId)).Take(max)];

    /// <summary>The printer confirmed the job: from now on it is never sent again, recorded or not.</summary>
    public void Confirmed(Guid jobId) => _confirmedNotRecorded.Add(jobId);

    /// <summary>Confirmed by the printer, its PrintJobPrinted not yet in the journal.</summary>
    public IReadOnlyList<PrintJob> ConfirmedNotRecorded => [.. _confirmedNotRecorded.Select(id => _jobs[id])];

    /// <summary>The jobs a failover may move: waiting, not moved before, not already confirmed.</summary>
    /// <remarks>A job moves at most once, so two printers that back each other up never pass tickets back and forth.</remarks>
    public IReadOnlyList<PrintJob> Movable() =>
        [.. _waiting.Where(j => !j.FailedOver && j.MayMove && !_confirmedNotRecorded.Contains(j.JobId))];

    /// <summary>Jobs that moved to another printer and are not printed yet: their state is read where they are now.</summary>
    public IReadOnlyList<PrintJob> MovedAway() => [.. _jobs.Values.Where(j => j.PrinterId != PrinterId && !j.IsDone)];

    /// <summary>The jobs a removal moves: every waiting one (moved before or not) but those the printer already confirmed.</summary>
    public IReadOnlyList<PrintJob> Unfinished() => [.. _waiting.Where(j => !_confirmedNotRecorded.Contains(j.JobId))];

    /// <summary>The job left the queue (printed, or moved to a backup); the history stays bounded.</summary>
    public void Finished(PrintJob job)
    {
        _waiting.Remove(job);
        _confirmedNotRecorded.Remove(job.JobId);
        // Unfinished jobs always stay.
        if (_jobs.Count > _recentJobs * 2)
        {
            foreach (var old in _jobs.Values.Where(j => j.IsDone || j.PrinterId != PrinterId)
                         .OrderBy(j => j.FirstSeq).Take(_jobs.Count - _recentJobs).ToList())
            {
                _jobs.Remove(old.JobId);
            }
        }
    }

    /// <summary>Newest first, optionally of one status.</summary>
    public IReadOnlyList<PrintJobView> List(PrintJobStatus? status, int limit) =>
        [.. _jobs.Values
            .Where(j => status is null || j.Status == status)
            .OrderByDescending(j => j.FirstSeq)
            .Take(limit)
            .Select(j => j.ToView())];
}
