using System.Globalization;
using System.Text;
using Pos.Grains.Printing.EscPos;

namespace Pos.VirtualPrinter;

/// <summary>Where printed tickets go: ticket-0001.txt (readable) and ticket-0001.bin (raw bytes), and the console.</summary>
internal sealed class TicketSink
{
    private readonly string _directory;
    private readonly string _name;
    private int _last;

    public TicketSink(string directory, string name)
    {
        _directory = Path.GetFullPath(directory);
        _name = name;
        Directory.CreateDirectory(_directory);
        // Continue the numbering of an earlier run so its tickets are never overwritten.
        _last = Directory.EnumerateFiles(_directory, "ticket-*.bin")
            .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f)["ticket-".Length..], out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
    }

    public string Folder => _directory;

    public int Count => Volatile.Read(ref _last);

    /// <summary>Writes one cut ticket; returns once both files are complete on disk.</summary>
    public async Task WriteAsync(byte[] bytes, IReadOnlyList<EscPosCommand> commands, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _last);
        var stem = Path.Combine(_directory, $"ticket-{number.ToString("D4", CultureInfo.InvariantCulture)}");
        var text = EscPosText.Render(commands);
        // The .txt is written last and each file appears whole (write, then rename), so whoever
        // watches the folder for the .txt finds both files complete.
        await WriteWholeAsync(stem + ".bin", bytes, cancellationToken);
        await WriteWholeAsync(stem + ".txt", Encoding.UTF8.GetBytes(text), cancellationToken);

        var rule = new string('-', 20);
        Console.Write($"{rule} {_name} ticket {number:D4} ({bytes.Length} bytes) -> {stem}.txt {rule}\n{text}{rule}\n");
    }

    private static async Task WriteWholeAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
