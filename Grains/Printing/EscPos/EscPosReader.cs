namespace Pos.Grains.Printing.EscPos;

/// <summary>
/// Reads an ESC/POS byte stream into <see cref="EscPosCommand"/>s. Keeps the code page between
/// calls, so a TCP server can feed it buffer by buffer: a command cut off at the end of a
/// buffer is left unread until the rest of it arrives.
/// </summary>
public sealed class EscPosReader
{
    private const byte Dle = 0x10;
    private const byte Esc = 0x1B;
    private const byte Gs = 0x1D;
    private const byte Lf = 0x0A;

    /// <summary>The code page text is decoded with; ESC @ resets it to PC437.</summary>
    public byte CodePage { get; private set; }

    /// <summary>Reads a whole byte sequence; a command cut off at the end becomes an <see cref="UnknownCommand"/>.</summary>
    public static IReadOnlyList<EscPosCommand> Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new EscPosReader();
        var commands = new List<EscPosCommand>();
        var read = reader.Read(bytes, commands);
        if (read < bytes.Length)
        {
            commands.Add(new UnknownCommand(bytes[read..].ToArray()));
        }
        return commands;
    }

    /// <summary>Appends the complete commands at the start of <paramref name="buffer"/>; returns how many bytes they span.</summary>
    public int Read(ReadOnlySpan<byte> buffer, ICollection<EscPosCommand> commands)
    {
        var offset = 0;
        while (offset < buffer.Length)
        {
            var length = TryRead(buffer[offset..], out var command);
            if (length == 0)
            {
                break;
            }
            commands.Add(command!);
            offset += length;
        }
        return offset;
    }

    /// <summary>Reads one command from the start of <paramref name="buffer"/>; returns its length, or 0 when more bytes are needed.</summary>
    public int TryRead(ReadOnlySpan<byte> buffer, out EscPosCommand? command)
    {
        command = null;
        if (buffer.IsEmpty)
        {
            return 0;
        }
        var length = buffer[0] switch
        {
            >= 0x20 => ReadText(buffer, out command),
            Lf => Complete(new LineFeedCommand(), 1, out command),
            Esc => ReadEsc(buffer, out command),
            Gs => ReadGs(buffer, out command),
            Dle => ReadDle(buffer, out command),
            _ => Unknown(buffer, 1, out command),
        };
        CodePage = command switch
        {
            InitializeCommand => 0,
            SelectCodePageCommand select => select.CodePage,
            _ => CodePage,
        };
        return length;
    }

    private int ReadText(ReadOnlySpan<byte> buffer, out EscPosCommand? command)
    {
        // Code pages here are one byte per character, so a run can end anywhere without splitting one.
        var end = buffer.IndexOfAnyInRange((byte)0x00, (byte)0x1F);
        var run = end < 0 ? buffer : buffer[..end];
        return Complete(new TextCommand(EscPosCodePages.EncodingFor(CodePage).GetString(run)), run.Length, out command);
    }

    private static int ReadEsc(ReadOnlySpan<byte> buffer, out EscPosCommand? command)
    {
        command = null;
        if (buffer.Length < 2)
        {
            return 0;
        }
        var code = (char)buffer[1];
        var length = code switch
        {
            '@' => 2,
            'p' => 5,
            '$' or '\\' => 4,
            't' or 'a' or 'E' or 'd' or '!' or '-' or '3' or 'J' or 'M' or 'R' or 'G' or 'V' or '{' or 'r' or ' ' => 3,
            _ => 2,
        };
        if (buffer.Length < length)
        {
            return 0;
        }
        var n = length > 2 ? buffer[2] : (byte)0;
        var align = n & 0x0F; // both 0-2 and '0'-'2' are accepted by printers
        command = code switch
        {
            '@' => new InitializeCommand(),
            't' => new SelectCodePageCommand(n),
            'a' when align <= 2 => new AlignCommand((EscPosAlignment)align),
            'E' => new BoldCommand((n & 0x01) != 0),
            'd' => new FeedCommand(n),
            // m is 0, 1, '0' or '1': the connector's pin 2 or pin 5.
            'p' when n is 0 or 1 or 48 or 49 => new DrawerKickCommand(n & 0x01, buffer[3] * 2, buffer[4] * 2),
            _ => new UnknownCommand(buffer[..length].ToArray()),
        };
        return length;
    }

    private static int ReadGs(ReadOnlySpan<byte> buffer, out EscPosCommand? command)
    {
        command = null;
        if (buffer.Length < 2)
        {
            return 0;
        }
        return (char)buffer[1] switch
        {
            '!' => buffer.Length < 3 ? 0 : Complete(new SizeCommand(((buffer[2] >> 4) & 0x07) + 1, (buffer[2] & 0x07) + 1), 3, out command),
            'V' => ReadCut(buffer, out command),
            '(' => ReadExtended(buffer, out command),
            'B' or 'H' or 'f' or 'h' or 'w' or 'b' or 'r' or 'a' => Unknown(buffer, 3, out command),
            'L' or 'W' or '$' or '\\' => Unknown(buffer, 4, out command),
            _ => Unknown(buffer, 2, out command),
        };
    }

    private static int ReadCut(ReadOnlySpan<byte> buffer, out EscPosCommand? command)
    {
        command = null;
        if (buffer.Length < 3)
        {
            return 0;
        }
        return buffer[2] switch
        {
            0 or 48 => Complete(new CutCommand(false), 3, out command),
            1 or 49 => Complete(new CutCommand(true), 3, out command),
            // Function B/C/D forms carry a feed amount byte.
            65 or 97 or 103 => buffer.Length < 4 ? 0 : Complete(new CutCommand(false), 4, out command),
            66 or 98 or 104 => buffer.Length < 4 ? 0 : Complete(new CutCommand(true), 4, out command),
            _ => Unknown(buffer, 3, out command),
        };
    }

    // GS ( X pL pH ...: the length prefix says where the command ends even when it is not understood.
    private static int ReadExtended(ReadOnlySpan<byte> buffer, out EscPosCommand? command)
    {
        command = null;
        if (buffer.Length < 5)
        {
            return 0;
        }
        var length = 5 + buffer[3] + (buffer[4] * 256);
        if (buffer.Length < length)
        {
            return 0;
        }
        if (buffer[2] == (byte)'H' && length == 11 && buffer[5] == 0x30 && buffer[6] == 0x30)
        {
            return Complete(new RequestProcessIdCommand(new ProcessId(buffer[7], buffer[8], buffer[9], buffer[10])), length, out command);
        }
        return Unknown(buffer, length, out command);
    }

    private static int ReadDle(ReadOnlySpan<byte> buffer, out EscPosCommand? command)
    {
        command = null;
        if (buffer.Length < 2)
        {
            return 0;
        }
        return buffer[1] switch
        {
            0x04 => buffer.Length < 3 ? 0 : Complete(new RealTimeStatusRequestCommand(buffer[2]), 3, out command),
            0x05 => Unknown(buffer, 3, out command),
            _ => Unknown(buffer, 1, out command),
        };
    }

    private static int Unknown(ReadOnlySpan<byte> buffer, int length, out EscPosCommand? command)
    {
        command = null;
        return buffer.Length < length ? 0 : Complete(new UnknownCommand(buffer[..length].ToArray()), length, out command);
    }

    private static int Complete(EscPosCommand created, int length, out EscPosCommand? command)
    {
        command = created;
        return length;
    }
}
