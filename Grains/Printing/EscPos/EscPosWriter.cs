using Pos.Contracts.Printing;

namespace Pos.Grains.Printing.EscPos;

/// <summary>Builds the ESC/POS bytes of one print job, command by command.</summary>
public sealed class EscPosWriter
{
    private const byte Esc = 0x1B;
    private const byte Gs = 0x1D;

    private readonly List<byte> _bytes = [];

    /// <summary>The code page <see cref="Text"/> encodes in; a printer starts in PC437.</summary>
    public EscPosCodePage CodePage { get; private set; } = EscPosCodePage.Pc437;

    /// <summary>Bytes written so far.</summary>
    public int Length => _bytes.Count;

    /// <summary>ESC @: clears the print buffer and resets modes, including the code page.</summary>
    public EscPosWriter Initialize()
    {
        CodePage = EscPosCodePage.Pc437;
        return Add(Esc, (byte)'@');
    }

    /// <summary>ESC t n: the character table for the text that follows.</summary>
    public EscPosWriter SelectCodePage(EscPosCodePage codePage)
    {
        CodePage = codePage;
        return Add(Esc, (byte)'t', (byte)codePage);
    }

    /// <summary>ESC a n: justification of the lines that follow.</summary>
    public EscPosWriter Align(EscPosAlignment alignment) => Add(Esc, (byte)'a', (byte)alignment);

    /// <summary>ESC E n: emphasized (bold) on or off.</summary>
    public EscPosWriter Bold(bool on) => Add(Esc, (byte)'E', on ? (byte)1 : (byte)0);

    /// <summary>GS ! n: double width and/or double height; both false is normal size.</summary>
    public EscPosWriter Size(bool doubleWidth, bool doubleHeight) =>
        Add(Gs, (byte)'!', (byte)((doubleWidth ? 0x10 : 0) | (doubleHeight ? 0x01 : 0)));

    /// <summary>Text in the current code page; characters it cannot print become '?', never dropped.</summary>
    public EscPosWriter Text(string text)
    {
        _bytes.AddRange(EscPosCodePages.Encode(text, CodePage));
        return this;
    }

    /// <summary>LF: prints the buffer and moves to the next line.</summary>
    public EscPosWriter LineFeed() => Add(0x0A);

    /// <summary><see cref="Text"/> then <see cref="LineFeed"/>.</summary>
    public EscPosWriter Line(string text) => Text(text).LineFeed();

    /// <summary>ESC d n: prints the buffer and feeds <paramref name="lines"/> lines.</summary>
    public EscPosWriter Feed(byte lines) => Add(Esc, (byte)'d', lines);

    /// <summary>GS V 66 0: feeds the paper to the cutter and cuts, leaving one point uncut.</summary>
    public EscPosWriter Cut() => Add(Gs, (byte)'V', 66, 0);

    /// <summary>
    /// ESC p m t1 t2: a pulse on the drawer kick connector's pin <paramref name="pin"/> (0: pin 2, 1: pin 5), on for
    /// <paramref name="onUnits"/> x 2 ms and off for <paramref name="offUnits"/> x 2 ms: the cash drawer opens.
    /// </summary>
    public EscPosWriter KickDrawer(int pin, byte onUnits, byte offUnits)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(pin is 0 or 1, true, nameof(pin));
        return Add(Esc, (byte)'p', (byte)pin, onUnits, offUnits);
    }

    /// <summary>GS ( H fn=48: asks the printer to answer with <paramref name="id"/> once everything before is processed.</summary>
    public EscPosWriter RequestProcessId(ProcessId id) =>
        Add(Gs, (byte)'(', (byte)'H', 6, 0, 0x30, 0x30, id.D1, id.D2, id.D3, id.D4);

    /// <summary>GS ( H fn=48 with the base-36 ID of <paramref name="id"/>.</summary>
    public EscPosWriter RequestProcessId(uint id) => RequestProcessId(ProcessId.FromNumber(id));

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => [.. _bytes];

    private EscPosWriter Add(params ReadOnlySpan<byte> bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }
}
