using System.Globalization;
using System.Text;
using Pos.Contracts.Printing;

namespace Pos.Grains.Printing.EscPos;

/// <summary>Text encodings for <see cref="EscPosCodePage"/>: anything a table cannot print becomes a visible '?'.</summary>
public static class EscPosCodePages
{
    /// <summary>What a character the printer cannot print is printed as.</summary>
    public const char Replacement = '?';

    private static readonly Lazy<Encoding> Pc437 = new(() => Create(437));
    private static readonly Lazy<Encoding> Pc858 = new(() => Create(858));

    /// <summary>The encoding for a code page; unsupported table numbers read as PC437, the power-on table.</summary>
    public static Encoding EncodingFor(byte codePage) =>
        codePage == (byte)EscPosCodePage.Pc858 ? Pc858.Value : Pc437.Value;

    /// <summary>The encoding for a code page.</summary>
    public static Encoding EncodingFor(EscPosCodePage codePage) => EncodingFor((byte)codePage);

    /// <summary>Encodes text for the printer, one byte per printed character.</summary>
    public static byte[] Encode(string text, EscPosCodePage codePage) =>
        EncodingFor(codePage).GetBytes(Sanitize(text));

    /// <summary>Exactly the characters the printer will print for <paramref name="text"/>: one per column.</summary>
    public static string ToPrintable(string text, EscPosCodePage codePage) =>
        EncodingFor(codePage).GetString(Encode(text, codePage));

    // Composed form so "e" + combining accent prints as one 'é' where the table has it. Then one
    // character per thing a person sees: a surrogate pair or a sequence no table can compose
    // becomes a single '?' (the encoder would print one per UTF-16 unit), and control characters
    // become '?' because in the byte stream they would be read as commands.
    private static string Sanitize(string text)
    {
        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(composed.Length);
        var elements = StringInfo.GetTextElementEnumerator(composed);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var printable = element.Length == 1 && !char.IsControl(element[0]) && !char.IsSurrogate(element[0]);
            builder.Append(printable ? element[0] : Replacement);
        }
        return builder.ToString();
    }

    private static Encoding Create(int codePage)
    {
        // In-box provider; registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var replacement = Replacement.ToString(CultureInfo.InvariantCulture);
        return Encoding.GetEncoding(
            codePage,
            new EncoderReplacementFallback(replacement),
            new DecoderReplacementFallback(replacement));
    }
}
