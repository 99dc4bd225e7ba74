using Microsoft.Extensions.Logging;
using Pos.Grains.Commands;

namespace Pos.Grains.Printing;

/// <summary>
/// The printer grain once its printer was removed: no more sessions; what it holds, and any job that reaches it
/// later (a fire that raced the removal), moves to its backup or another printer of its station, each move journaled,
/// or is recorded failed when no printer can take it. Never dropped in silence.
/// </summary>
public sealed partial class PrinterGrain
{
    private PrinterConfig? _removedConfig;
    private CommandContext? _removedBy;
    private CancellationTokenSource _closing = new();
    private TaskCompletionSource? _forwarded;

    public Task<IReadOnlyList<Guid>> Unfinished() => Task.FromResult<IReadOnlyList<Guid>>([.. Queue.Unfinished().Select(j => j.JobId)]);

    public async Task Remove(PrinterConfig removed, CommandContext? by)
    {
        _removedConfig = removed;
        _removedBy = by;
        _config = null;
        var forwarded = _forwarded ??= NewSignal();
        // Both at once, before the loop runs again: the session's cancellation is then never taken for a bug.
        _reconfigured.Cancel();
        _closing.Cancel();
        _work.TrySetResult();
        await forwarded.Task;
    }

    // Added again under the same id: it prints again, with what reaches it from now on.
    private void Restored()
    {
        if (_removedConfig is null)
        {
            return;
        }
        _removedConfig = null;
        _removedBy = null;
        _closing.Dispose();
        _closing = new CancellationTokenSource();
    }

    // One pass on the loop: record what the printer confirmed before its connection closed, then move the rest.
    private async Task ForwardAsync(PrinterConfig removed)
    {
        try
        {
            await RecordConfirmedAsync();
            var reason = PrinterRemoval.Reason(removed);
            foreach (var job in Queue.Unfinished())
            {
                // Chosen per job: a destination removed meanwhile is passed over.
                var destination = PrinterRemoval.DestinationFor(removed, catalog.Current);
                PrintingEvent moved = destination is null
                    ? new PrintJobFailed(job.JobId, PrinterId, $"{reason}; no printer could take it")
                    : new PrintJobFailedOver(job.JobId, destination.PrinterId, PrinterId, removed.Name, reason);
                if (!await AppendAsync(job, moved, _removedBy))
                {
                    // The job's stream moved on: read again, and the next pass moves what is still here.
                    _mayBeStale = true;
                    continue;
                }
                Finished(job);
                if (destination is null)
                {
                    LogRemovedJobFailed(logger, job.JobId, PrinterId);
                    continue;
                }
                LogRemovedJobMoved(logger, job.JobId, PrinterId, destination.PrinterId);
                await GrainFactory.GetGrain<IPrinterGrain>(destination.PrinterId).Adopt(job.JobId);
            }
        }
        finally
        {
            // The removal answers after this pass, whatever it met; what is left moves on the next pass.
            _forwarded?.TrySetResult();
            _forwarded = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Print job {JobId} moved from removed printer {From} to {To}")]
    private static partial void LogRemovedJobMoved(ILogger logger, Guid jobId, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Print job {JobId} of removed printer {From} recorded failed: no printer can take it")]
    private static partial void LogRemovedJobFailed(ILogger logger, Guid jobId, string from);
}
