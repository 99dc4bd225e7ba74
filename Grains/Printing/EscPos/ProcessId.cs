using System.Text;

namespace Pos.Grains.Printing.EscPos;

/// <summary>
/// The four bytes of a GS ( H transmit-process-ID request. The printer echoes them as
/// 37 22 d1 d2 d3 d4 00 once it has processed everything sent before the request.
/// </summary>
public readonly record struct ProcessId(byte D1, byte D2, byte D3, byte D4)
{
    /// <summary>Length of the printer's answer: header, identifier, four ID bytes, NUL.</summary>
    public const int ResponseLength = 7;

    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>Distinct IDs <see cref="FromNumber"/> produces before it wraps.</summary>
    public const uint Capacity = 36 * 36 * 36 * 36;

    /// <summary>Base-36 digits '0'-'9','A'-'Z' of <paramref name="number"/> modulo <see cref="Capacity"/>.</summary>
    public static ProcessId FromNumber(uint number)
    {
        var n = number % Capacity;
        var d4 = Digits[(int)(n % 36)];
        n /= 36;
        var d3 = Digits[(int)(n % 36)];
        n /= 36;
        var d2 = Digits[(int)(n % 36)];
        n /= 36;
        var d1 = Digits[(int)n];
        return new ProcessId((byte)d1, (byte)d2, (byte)d3, (byte)d4);
    }

    /// <summary>A stable ID for a print job (FNV-1a of its UTF-8 bytes; string hash codes change per process).</summary>
    public static ProcessId ForJob(string jobId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(jobId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }
        return FromNumber(hash);
    }

    /// <summary>True when every byte is in the range the command accepts (0x20-0x7E).</summary>
    public bool IsValid => InRange(D1) && InRange(D2) && InRange(D3) && InRange(D4);

    /// <summary>The answer a printer sends for this ID.</summary>
    public byte[] ToResponse() => [0x37, 0x22, D1, D2, D3, D4, 0x00];

    /// <summary>Reads a process-ID answer from the start of <paramref name="response"/>.</summary>
    public static bool TryParseResponse(ReadOnlySpan<byte> response, out ProcessId id)
    {
        id = default;
        if (response.Length < ResponseLength || response[0] != 0x37 || response[1] != 0x22 || response[6] != 0x00)
        {
            return false;
        }
        id = new ProcessId(response[2], response[3], response[4], response[5]);
        return id.IsValid;
    }

    public override string ToString() => Encoding.ASCII.GetString([D1, D2, D3, D4]);

    private static bool InRange(byte b) => b is >= 0x20 and <= 0x7E;
}
