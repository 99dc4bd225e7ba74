namespace Pos.Grains.Printing.EscPos;

/// <summary>One command read from an ESC/POS byte stream by <see cref="EscPosReader"/>.</summary>
public abstract record EscPosCommand;

/// <summary>ESC @.</summary>
public sealed record InitializeCommand : EscPosCommand;

/// <summary>ESC t n.</summary>
public sealed record SelectCodePageCommand(byte CodePage) : EscPosCommand;

/// <summary>ESC a n.</summary>
public sealed record AlignCommand(EscPosAlignment Alignment) : EscPosCommand;

/// <summary>ESC E n.</summary>
public sealed record BoldCommand(bool On) : EscPosCommand;

/// <summary>GS ! n, as width and height multipliers (1 = normal).</summary>
public sealed record SizeCommand(int Width, int Height) : EscPosCommand;

/// <summary>Printable bytes, decoded with the code page in force when they arrived.</summary>
public sealed record TextCommand(string Text) : EscPosCommand;

/// <summary>LF.</summary>
public sealed record LineFeedCommand : EscPosCommand;

/// <summary>ESC d n.</summary>
public sealed record FeedCommand(byte Lines) : EscPosCommand;

/// <summary>ESC p m t1 t2: a pulse on the drawer kick connector's pin <paramref name="Pin"/> (0 or 1), on and off for the milliseconds given.</summary>
public sealed record DrawerKickCommand(int Pin, int OnMs, int OffMs) : EscPosCommand;

/// <summary>GS V: <paramref name="Partial"/> when the cut leaves a point uncut.</summary>
public sealed record CutCommand(bool Partial) : EscPosCommand;

/// <summary>GS ( H fn=48: the printer must answer with <paramref name="Id"/> once it has processed what came before.</summary>
public sealed record RequestProcessIdCommand(ProcessId Id) : EscPosCommand;

/// <summary>DLE EOT n: answered at once with one status byte.</summary>
public sealed record RealTimeStatusRequestCommand(byte Request) : EscPosCommand;

/// <summary>Bytes the reader does not interpret, kept whole so nothing is silently lost.</summary>
public sealed record UnknownCommand(byte[] Bytes) : EscPosCommand
{
    public bool Equals(UnknownCommand? other) =>
        other is not null && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override int GetHashCode() => Bytes.Length;

    public override string ToString() => $"UnknownCommand {{ Bytes = {Convert.ToHexString(Bytes)} }}";
}
