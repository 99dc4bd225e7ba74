using System.Text.Json;
using Pos.Client.Storage;

namespace Pos.Client.Outbox;

/// <summary>
/// The device's outbox: every command is first written to the store with an id chosen once, then sent in the order
/// queued, in batches, until the appliance has answered it; only then is it removed. A process that dies at any point
/// loads the same commands with the same ids and sends them again; the appliance answers those it already applied
/// with their first answer (<c>duplicate</c>), so each lands exactly once. One flush runs at a time.
/// </summary>
public sealed class CommandOutbox
{
    /// <summary>The most commands one batch carries (the appliance takes up to 500).</summary>
    public const int BatchSize = 100;

    private readonly IClientStore _store;
    private readonly ICommandTransport _transport;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly SemaphoreSlim _appending = new(1, 1);
    private readonly Lock _gate = new();
    private List<QueuedCommand>? _pending;

    public CommandOutbox(IClientStore store, ICommandTransport transport, TimeProvider? time = null)
    {
        _store = store;
        _transport = transport;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Raised for each command the appliance answered, in the order queued, after it left the store.</summary>
    public event Action<SettledCommand>? Settled;

    /// <summary>
    /// Awaited for each answered command, in order, after it left the store and before <see cref="Settled"/> is raised:
    /// where the answer's order is kept (the local copy), so whoever hears of the command finds it there.
    /// </summary>
    public Func<SettledCommand, CancellationToken, Task>? BeforeSettled { get; set; }

    /// <summary>Raised when the number of waiting commands changed.</summary>
    public event Action? Changed;

    /// <summary>Commands written and not yet answered.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _pending?.Count ?? 0;
            }
        }
    }

    /// <summary>The waiting commands, in the order they will be sent.</summary>
    public IReadOnlyList<QueuedCommand> Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending is null ? [] : [.. _pending];
            }
        }
    }

    /// <summary>Reads the waiting commands from the store: call once, before anything else.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        var loaded = await _store.LoadOutboxAsync(cancellationToken);
        lock (_gate)
        {
            _pending = [.. loaded];
        }
        Changed?.Invoke();
    }

    /// <summary>
    /// Queues a command: it is in the store, with its id, when this completes. <paramref name="payload"/> is the
    /// body the command's route takes, <paramref name="expectedVersion"/> the order version it was decided on, if
    /// the command must not apply to a newer one, <paramref name="employeeId"/> the person signed in who issues it.
    /// </summary>
    public async Task<QueuedCommand> EnqueueAsync(
        string type, Guid orderId, JsonElement? payload, int? expectedVersion = null, string? employeeId = null,
        CancellationToken cancellationToken = default)
    {
        var command = new QueuedCommand(NewCommandId(), type, orderId, expectedVersion, _time.GetLocalNow(), payload, employeeId);
        // Never behind a flush: a tap is kept at once even while a batch is on its way. Appends are taken one at a time
        // so the store and the pending list hold them in the same order; a flush takes its batch from the front of
        // the list under the gate, so one appended meanwhile goes with the next batch.
        await _appending.WaitAsync(cancellationToken);
        try
        {
            EnsureLoaded();
            await _store.AppendAsync([command], cancellationToken);
            lock (_gate)
            {
                _pending!.Add(command);
            }
        }
        finally
        {
            _appending.Release();
        }
        Changed?.Invoke();
        return command;
    }

    /// <summary>
    /// Sends what waits, in order, batch after batch, until the outbox is empty or an attempt fails; answered commands
    /// are removed from the store before <see cref="Settled"/> is raised for them. A batch holds the commands of one
    /// person (or of the device alone) in a row, so each is sent with its own identity. Returns the last attempt's
    /// result, or null when nothing waited.
    /// </summary>
    public async Task<BatchAttempt?> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            EnsureLoaded();
            BatchAttempt? last = null;
            while (true)
            {
                List<QueuedCommand> batch;
                int waitingBesides;
                lock (_gate)
                {
                    batch = [.. _pending!.Take(BatchSize).TakeWhile(c => c.EmployeeId == _pending![0].EmployeeId)];
                    waitingBesides = _pending!.Count - batch.Count;
                }
                if (batch.Count == 0)
                {
                    return last;
                }
                last = await _transport.SendAsync(batch, waitingBesides, cancellationToken);
                if (last is not BatchAttempt.Answered answered)
                {
                    return last;
                }
                await SettleAsync(batch, answered.Answers, cancellationToken);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task SettleAsync(List<QueuedCommand> batch, IReadOnlyList<CommandAnswer> answers, CancellationToken cancellationToken)
    {
        var byId = new Dictionary<string, CommandAnswer>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            byId[answer.CommandId] = answer;
        }
        // Only what was answered leaves; an appliance that answered part of a batch gets the rest again.
        var settled = batch.Where(c => byId.ContainsKey(c.CommandId))
            .Select(c => new SettledCommand(c, byId[c.CommandId].Outcome, byId[c.CommandId].Version, byId[c.CommandId].Order, byId[c.CommandId].Problem))
            .ToList();
        if (settled.Count == 0)
        {
            throw new InvalidOperationException("The appliance answered a batch without answering any of its commands.");
        }
        var ids = settled.Select(s => s.Command.CommandId).ToHashSet(StringComparer.Ordinal);
        await _store.RemoveAsync(ids, cancellationToken);
        lock (_gate)
        {
            _pending!.RemoveAll(c => ids.Contains(c.CommandId));
        }
        // The commands have left the store: every one of them is told, whatever goes wrong keeping one answer, so a
        // conflict or a rejection is never lost; the first failure is thrown once all were told.
        List<Exception>? failures = null;
        foreach (var s in settled)
        {
            try
            {
                if (BeforeSettled is { } keep)
                {
                    await keep(s, cancellationToken);
                }
            }
            catch (Exception e)
            {
                (failures ??= []).Add(e);
            }
            Settled?.Invoke(s);
        }
        Changed?.Invoke();
        if (failures is not null)
        {
            throw new AggregateException("Keeping the appliance's answers failed; every command was told its outcome.", failures);
        }
    }

    private void EnsureLoaded()
    {
        lock (_gate)
        {
            if (_pending is null)
            {
                throw new InvalidOperationException("Load the outbox (LoadAsync) before using it.");
            }
        }
    }

    // Unique per device without coordination; time-ordered, so the appliance's records of them sort as issued.
    private static string NewCommandId() => Guid.CreateVersion7().ToString("N");
}
