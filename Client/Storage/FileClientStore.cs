using System.Text;
using System.Text.Json;
using Pos.Client.Outbox;

namespace Pos.Client.Storage;

/// <summary>
/// A store in a folder of its own, for a terminal: the outbox is an append-only log (<c>outbox.log</c>, one JSON
/// object a line: a command added, or ids removed) flushed to the disk before each call returns, and each document
/// is a file replaced whole through a temporary file and a rename. After a crash the log is read again; a last line
/// cut short by the crash is dropped (its call never returned, so nobody was told the command was kept). The log is
/// rewritten with only the waiting commands once answered ones dominate it.
/// One process at a time: the folder is locked while the store is open.
/// </summary>
public sealed class FileClientStore : IClientStore, IDisposable
{
    private const string LogName = "outbox.log";

    private readonly string _folder;
    private readonly int _compactAfterRemoved;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FileStream _lock;
    private FileStream? _log;
    private List<QueuedCommand>? _pending;
    private int _removedSinceCompaction;

    /// <param name="folder">The store's own folder (made if missing).</param>
    /// <param name="compactAfterRemoved">How many answered commands the log may hold before it is rewritten.</param>
    public FileClientStore(string folder, int compactAfterRemoved = 1_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(compactAfterRemoved);
        _compactAfterRemoved = compactAfterRemoved;
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
        // Held open and exclusive for the store's life: a second process on the same folder fails here, not later.
        _lock = new FileStream(Path.Combine(_folder, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    }

    public async Task<IReadOnlyList<QueuedCommand>> LoadOutboxAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return [.. await PendingAsync(cancellationToken)];
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task AppendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var pending = await PendingAsync(cancellationToken);
            var text = new StringBuilder();
            foreach (var command in commands)
            {
                text.Append(JsonSerializer.Serialize(new LogLine { Add = command }, ClientJson.Default.LogLine)).Append('\n');
            }
            await WriteLogAsync(text.ToString(), cancellationToken);
            pending.AddRange(commands);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RemoveAsync(IReadOnlyCollection<string> commandIds, CancellationToken cancellationToken = default)
    {
        if (commandIds.Count == 0)
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var pending = await PendingAsync(cancellationToken);
            var ids = commandIds.ToHashSet(StringComparer.Ordinal);
            await WriteLogAsync(JsonSerializer.Serialize(new LogLine { Remove = [.. ids] }, ClientJson.Default.LogLine) + "\n", cancellationToken);
            _removedSinceCompaction += pending.RemoveAll(c => ids.Contains(c.CommandId));
            if (_removedSinceCompaction >= _compactAfterRemoved && _removedSinceCompaction > pending.Count)
            {
                await CompactAsync(pending, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = DocumentPath(name);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
    }

    public async Task WriteAsync(string name, string json, CancellationToken cancellationToken = default)
    {
        var path = DocumentPath(name);
        // One replacement at a time: two writers never share the temporary file, and the last to come is the one kept.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ReplaceAsync(path, json, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _log?.Dispose();
        _lock.Dispose();
        _gate.Dispose();
    }

    private string DocumentPath(string name)
    {
        if (name.Length is 0 or > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || name[0] == '.')
        {
            throw new ArgumentException("A document's name is 1-100 letters, digits, '-', '_' or '.', not starting with '.'.", nameof(name));
        }
        return Path.Combine(_folder, name + ".json");
    }

    private async Task<List<QueuedCommand>> PendingAsync(CancellationToken cancellationToken)
    {
        if (_pending is not null)
        {
            return _pending;
        }
        var path = Path.Combine(_folder, LogName);
        var pending = new List<QueuedCommand>();
        var keptLength = 0L;
        if (File.Exists(path))
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            var start = 0;
            while (start < bytes.Length)
            {
                var end = Array.IndexOf(bytes, (byte)'\n', start);
                if (end < 0)
                {
                    // A last line without its newline: the write that made it was cut short and never returned.
                    break;
                }
                if (!TryReadLine(bytes.AsSpan(start, end - start), start, out var line))
                {
                    // Unreadable: if it is the last line, a power cut tore it (its blocks never all reached the disk)
                    // and its call never returned; anywhere else the log is damaged and nothing is guessed.
                    if (end + 1 < bytes.Length)
                    {
                        throw new InvalidDataException($"The outbox log is damaged at byte {start}, before its last line.");
                    }
                    break;
                }
                Apply(pending, line);
                start = end + 1;
                keptLength = start;
            }
        }
        _log = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        _log.SetLength(keptLength);
        _log.Seek(0, SeekOrigin.End);
        _pending = pending;
        return pending;
    }

    private static bool TryReadLine(ReadOnlySpan<byte> bytes, long offset, out LogLine line)
    {
        try
        {
            line = JsonSerializer.Deserialize(bytes, ClientJson.Default.LogLine)
                ?? throw new InvalidDataException($"The outbox log holds an empty entry at byte {offset}.");
            return true;
        }
        catch (JsonException)
        {
            line = null!;
            return false;
        }
    }

    private static void Apply(List<QueuedCommand> pending, LogLine line)
    {
        if (line.Add is { } added)
        {
            pending.Add(added);
        }
        if (line.Remove is { } removed)
        {
            var ids = removed.ToHashSet(StringComparer.Ordinal);
            pending.RemoveAll(c => ids.Contains(c.CommandId));
        }
    }

    private async Task WriteLogAsync(string text, CancellationToken cancellationToken)
    {
        var log = _log!;
        var before = log.Length;
        try
        {
            await log.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
            log.Flush(flushToDisk: true);
        }
        catch
        {
            // A write cut short (a full disk, cancelled) must not leave half a line for the next one to continue.
            log.SetLength(before);
            log.Seek(0, SeekOrigin.End);
            throw;
        }
    }

    private async Task CompactAsync(List<QueuedCommand> pending, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var command in pending)
        {
            text.Append(JsonSerializer.Serialize(new LogLine { Add = command }, ClientJson.Default.LogLine)).Append('\n');
        }
        var path = Path.Combine(_folder, LogName);
        // Written beside the log first; only once it is on the disk does it replace the log. If that fails, the log
        // as it was goes on (the same commands).
        var swapped = false;
        try
        {
            await ReplaceAsync(path, text.ToString(), cancellationToken, swap: async () =>
            {
                swapped = true;
                await _log!.DisposeAsync();
            });
            _removedSinceCompaction = 0;
        }
        finally
        {
            if (swapped)
            {
                // The new log, or the old one if the rename failed: the store goes on either way.
                _log = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            }
        }
    }

    /// <summary>
    /// Writes a whole file next to <paramref name="path"/>, flushes it to the disk, and renames it over (after
    /// <paramref name="swap"/>, which lets go of what holds the old file).
    /// </summary>
    private static async Task ReplaceAsync(string path, string text, CancellationToken cancellationToken, Func<Task>? swap = null)
    {
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await file.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
            file.Flush(flushToDisk: true);
        }
        if (swap is not null)
        {
            await swap();
        }
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>One line of the outbox log: a command added, or ids removed.</summary>
internal sealed class LogLine
{
    public QueuedCommand? Add { get; init; }
    public string[]? Remove { get; init; }
}
