using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Pos.Grains.Printing.EscPos;

namespace Pos.VirtualPrinter;

/// <summary>
/// Where printed tickets go: kept in memory for whoever hosts the printer, written to ticket-0001.txt (readable)
/// and ticket-0001.bin (raw bytes) when there is a folder, with one line a ticket on the log; echoed whole
/// to the log when there is none.
/// </summary>
internal sealed partial class TicketSink
{
    private readonly string? _directory;
    private readonly string _name;
    private readonly Lock _lock = new();
    private readonly List<ReceivedTicket> _received = [];
    private readonly List<ReceivedKick> _kicks = [];
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

    /// <summary>The drawer kicks received since this sink was made, in order.</summary>
    public IReadOnlyList<ReceivedKick> Kicks
    {
        get
        {
            lock (_lock)
            {
                return [.. _kicks];
            }
        }
    }

    /// <summary>Takes one drawer kick (ESC p): kept, and said on the log as "drawer kick pin m".</summary>
    public void Kick(DrawerKickCommand kick, string peer)
    {
        var received = new ReceivedKick(kick.Pin, kick.OnMs, kick.OffMs, Stopwatch.GetTimestamp());
        lock (_lock)
        {
            _kicks.Add(received);
        }
        Log.WriteLine($"{_name} [{peer}]: {received}");
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
        // One line a ticket: the whole ticket is in its file.
        Log.WriteLine($"{_name}: ticket {number:D4} {Summary(text)} -> {stem}.txt");
    }

    /// <summary>
    /// A ticket in one line: its heading (banners, order number and table) and its item lines, e.g.
    /// "#12 Table 4: 2 x Burger, 1 x Fries".
    /// </summary>
    internal static string Summary(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var heading = lines.TakeWhile(l => !l.StartsWith("Guests:", StringComparison.Ordinal) && !char.IsDigit(l[0]) && !l.StartsWith("Server:", StringComparison.Ordinal));
        var items = lines.Where(l => ItemLine().IsMatch(l));
        return $"{string.Join(' ', heading)}: {string.Join(", ", items)}";
    }

    [GeneratedRegex(@"\A\d+ x ")]
    private static partial Regex ItemLine();

    private static async Task WriteWholeAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>One drawer kick as the virtual printer received it (ESC p m t1 t2, decoded); <see cref="ReceivedAt"/> is a Stopwatch timestamp.</summary>
public sealed record ReceivedKick(int Pin, int OnMs, int OffMs, long ReceivedAt)
{
    /// <summary>"drawer kick pin 0 (50 ms on, 500 ms off)".</summary>
    public override string ToString() => $"drawer kick pin {Pin} ({OnMs} ms on, {OffMs} ms off)";
}

/// <summary>One cut ticket as the virtual printer received it; <see cref="ReceivedAt"/> is a Stopwatch timestamp of its last byte.</summary>
public sealed record ReceivedTicket(int Number, byte[] Bytes, IReadOnlyList<EscPosCommand> Commands, string Text, long ReceivedAt);
