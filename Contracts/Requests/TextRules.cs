using System.Globalization;
using System.Text;
using Pos.Contracts.Problems;

namespace Pos.Contracts.Requests;

/// <summary>
/// What text the store takes from outside: no control characters (PostgreSQL refuses NUL, a printer takes the others
/// as commands, a person sees nothing), no characters that reorder or hide text (bidirectional overrides, a byte-order
/// mark: a ticket or a report could then show what was not sent), no noncharacters, newlines and tabs only in fields
/// that allow several lines (the Unicode line and paragraph separators count as newlines), and a length counted in
/// characters (Unicode code points), so an accent or an emoji counts once.
/// </summary>
public static class TextRules
{
    /// <summary>The first character at <paramref name="index"/> that no field takes, or false when there is none.</summary>
    public static bool TryFindUnfit(string value, bool multiLine, out int index, out char found)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if ((IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')) || IsHidden(c) || (!multiLine && c is '\u2028' or '\u2029'))
            {
                (index, found) = (i, c);
                return true;
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++; // a pair: one character beyond the basic plane
                continue;
            }
            // A lone surrogate is not text at all: it cannot be written as UTF-8.
            if (char.IsSurrogate(c))
            {
                (index, found) = (i, c);
                return true;
            }
        }
        (index, found) = (-1, '\0');
        return false;
    }

    /// <summary>C0 controls (NUL, ESC, newlines...), DEL and C1 controls.</summary>
    public static bool IsControl(char c) => c < 0x20 || c is >= '\u007F' and <= '\u009F';

    /// <summary>
    /// Characters that change how the text around them shows without showing themselves: bidirectional embeddings,
    /// overrides and isolates (U+202A-U+202E, U+2066-U+2069), the byte-order mark (U+FEFF), and the noncharacters
    /// U+FFFE and U+FFFF. Joiners (U+200D, in emoji) stay.
    /// </summary>
    public static bool IsHidden(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\uFEFF' or '\uFFFE' or '\uFFFF';

    /// <summary>The length a person counts: Unicode code points.</summary>
    public static int Length(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }
        return count;
    }

    /// <summary>
    /// Why <paramref name="value"/> cannot go in <paramref name="field"/>, or null when it can. Text a person wrote
    /// (a note, a reason, a name) may not hold what looks like a card number (<see cref="CardNumbers"/>): that is
    /// <see cref="ErrorCodes.CardDataRefused"/>, naming the field and never the digits. An <paramref name="identifier"/>
    /// (an id, a key, a code a program made) is not read for card numbers: a long numeric id is not card data.
    /// </summary>
    public static CommandError? Check(string field, string? value, int maxLength, bool required = false, bool multiLine = false, bool identifier = false)
    {
        if (value is null)
        {
            return required ? Invalid(field, $"{field} is required.") : null;
        }
        if (TryFindUnfit(value, multiLine, out var at, out var c))
        {
            return Invalid(field, $"{field} holds {Describe(c)} at position {at + 1}; send {(multiLine ? "text" : "one line of text")} without control characters.");
        }
        if (required && string.IsNullOrWhiteSpace(value))
        {
            return Invalid(field, $"{field} is required and cannot be blank.");
        }
        // Before the length: a card number is what the client must hear about, however long the text around it.
        if (!identifier && CheckCardData(field, value) is { } card)
        {
            return card;
        }
        // Cheap first: a string no longer than the limit in UTF-16 units is no longer in code points.
        if (value.Length > maxLength && Length(value) > maxLength)
        {
            return Invalid(field, $"{field} must be at most {maxLength} characters (it has {Length(value).ToString("N0", CultureInfo.InvariantCulture)}).");
        }
        return null;
    }

    /// <summary>
    /// <see cref="ErrorCodes.CardDataRefused"/> when <paramref name="value"/> holds what looks like a card number, else
    /// null. The detail names the field and never repeats what was sent.
    /// </summary>
    public static CommandError? CheckCardData(string field, string? value) =>
        value is not null && CardNumbers.Holds(value)
            ? new CommandError(ErrorCodes.CardDataRefused,
                $"{field} holds what looks like a payment card number, and card numbers are never taken: they would stay in the " +
                "journal, on tickets and in the cloud. Leave it out; a card payment is its tender, amount and tip, and at most the terminal's own reference.",
                field)
            : null;

    /// <summary>A character named so a person can find it: "a control character (U+0000)".</summary>
    public static string Describe(char c) => c switch
    {
        _ when char.IsSurrogate(c) => $"an unpaired surrogate (U+{(int)c:X4}), which is not text",
        _ when IsHidden(c) => $"a character that hides or reorders text (U+{(int)c:X4})",
        '\u2028' or '\u2029' => $"a line break (U+{(int)c:X4})",
        _ => $"a control character (U+{(int)c:X4})",
    };

    /// <summary>The text a ticket prints for <paramref name="value"/>, one entry per line (fields that allow newlines).</summary>
    public static IEnumerable<string> Lines(string value)
    {
        var line = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\r' or '\n' or '\u2028' or '\u2029')
            {
                yield return line.ToString();
                line.Clear();
                if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
                {
                    i++;
                }
                continue;
            }
            line.Append(c == '\t' ? ' ' : c);
        }
        yield return line.ToString();
    }

    private static CommandError Invalid(string field, string detail) => new(ErrorCodes.ValidationFailed, detail, field);
}
