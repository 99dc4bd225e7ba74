using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pos.Grains.Printing.EscPos;

namespace Pos.VirtualPrinter;

/// <summary>
/// Where printed tickets go: kept in memory for whoever hosts the printer, written to ticket-0001.txt (readable)
/// and ticket-0001.bin (raw bytes) when there is a folder, and echoed to the log.
/// </summary>
internal sealed class TicketSink
{
    private readonly string? _directory;
    private readonly string _name;
    private readonly Lock _lock = new();
    private readonly List<ReceivedTicket> _received = [];
    private int _last;

    public TicketSink(string? directory, string name, TextWriter log)
    {
        _name = name;
        Log = log;
        if (directory is null)
        {
            return;
        }
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
        // Continue the numbering of an earlier run so its tickets are never overwritten.
        _last = Directory.EnumerateFiles(_directory, "ticket-*.bin")
            .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f)["ticket-".Length..], out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
    }

    public string? Folder => _directory;

    public TextWriter Log { get; }

    public int Count => Volatile.Read(ref _last);

    /// <summary>Raised for each cut ticket, before its files are written.</summary>
    public event Action<ReceivedTicket>? Received;

    /// <summary>The tickets received since this sink was made.</summary>
    public IReadOnlyList<ReceivedTicket> Tickets
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Takes one cut ticket; returns once its files (if any) are complete on disk.</summary>
    public async Task WriteAsync(byte[] bytes, IReadOnlyList<EscPosCommand> commands, CancellationToken cancellationToken)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        var number = Interlocked.Increment(ref _last);
        var text = EscPosText.Render(commands);
        var ticket = new ReceivedTicket(number, bytes, commands, text, receivedAt);
        lock (_lock)
        {
            _received.Add(ticket);
        }
        Received?.Invoke(ticket);
        var rule = new string('-', 20);
        if (_directory is null)
        {
            Log.Write($"{rule} {_name} ticket {number:D4} ({bytes.Length} bytes) {rule}\n{text}{rule}\n");
            return;
        }
        var stem = Path.Combine(_directory, $"ticket-{number.ToString("D4", CultureInfo.InvariantCulture)}");
        // The .txt is written last and each file appears whole (write, then rename), so whoever
        // watches the folder for the .txt finds both files complete.
        await WriteWholeAsync(stem + ".bin", bytes, cancellationToken);
        await WriteWholeAsync(stem + ".txt", Encoding.UTF8.GetBytes(text), cancellationToken);
        Log.Write($"{rule} {_name} ticket {number:D4} ({bytes.Length} bytes) -> {stem}.txt {rule}\n{text}{rule}\n");
    }

    private static async Task WriteWholeAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>One cut ticket as the virtual printer received it; <see cref="ReceivedAt"/> is a Stopwatch timestamp of its last byte.</summary>
public sealed record ReceivedTicket(int Number, byte[] Bytes, IReadOnlyList<EscPosCommand> Commands, string Text, long ReceivedAt);
