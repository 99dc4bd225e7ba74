using System.Globalization;
using System.Text;

namespace Pos.Contracts.Requests;

/// <summary>
/// What in a text looks like a payment card number, so it is refused before it reaches the journal (which can never
/// be purged), a log, a ticket or the cloud: the store keeps a payment's tender, amount, tip and an external reference,
/// never card data.
/// </summary>
/// <remarks>
/// A card number is 13 to 19 digits whose last is the Luhn check digit, and it is written whole or in groups
/// ("4111 1111 1111 1111", "4111-1111-1111-1111"). So the text is read as chains of digit groups, a group being a run
/// of decimal digits (any script's) and two groups being joined when only spaces or dashes (at most
/// <see cref="MaxGap"/> of them, e.g. " - ") stand between them; anything else (a letter, a dot, a comma, a newline)
/// ends a chain. A number is found when some whole groups of a chain, one after another, hold 13 to 19 digits that
/// pass the Luhn check and do not start with 0 (no card number does): "4111 1111 1111 1111 12/27" is found, and so is
/// a number inside other text ("paid with 4111111111111111 ok"). A Luhn-invalid run, an amount, a date, a phone
/// number or a 12-digit reference is not. The reading is one pass: each digit is added to at most 19 open candidates.
/// </remarks>
public static class CardNumbers
{
    /// <summary>The fewest digits a card number has.</summary>
    public const int MinDigits = 13;

    /// <summary>The most digits a card number has.</summary>
    public const int MaxDigits = 19;

    /// <summary>How many spaces or dashes may stand between two groups of one number.</summary>
    public const int MaxGap = 3;

    /// <summary>What <see cref="Redact"/> puts in place of a number.</summary>
    public const string Removed = "[card number removed]";

    /// <summary>Whether <paramref name="text"/> holds something that looks like a card number.</summary>
    public static bool Holds(ReadOnlySpan<char> text) => Find(text, out _, out _);

    /// <summary>
    /// The first chain of digit groups in <paramref name="text"/> that holds a card-like number: where it starts and its
    /// length, from its first digit to its last; false when there is none.
    /// </summary>
    public static bool Find(ReadOnlySpan<char> text, out int start, out int length)
    {
        // The candidates still open: each begins at a group of the current chain, at most MaxDigits digits back; for
        // each, its digits so far and its two Luhn sums.
        Span<int> digits = stackalloc int[MaxDigits + 1];
        Span<int> evenDoubled = stackalloc int[MaxDigits + 1];
        Span<int> oddDoubled = stackalloc int[MaxDigits + 1];
        var open = 0;
        var chainStart = -1;
        var found = false;
        var gap = 0;
        var lastDigit = -2; // where the last digit was: never just before the first character
        for (var i = 0; i <= text.Length; i++)
        {
            var value = i < text.Length ? DigitValue(text[i]) : -1;
            if (value >= 0)
            {
                var newGroup = lastDigit != i - 1;
                if (newGroup && (chainStart < 0 || gap > MaxGap))
                {
                    // A new chain: what was found in the previous one is its answer.
                    if (found)
                    {
                        break;
                    }
                    open = 0;
                    chainStart = i;
                }
                if (newGroup && value != 0)
                {
                    (digits[open], evenDoubled[open], oddDoubled[open]) = (0, 0, 0);
                    open++;
                }
                // The digit joins every open candidate; Luhn doubles every second digit from the right, so both sums
                // are kept (doubling the even-placed digits, or the odd-placed) and the length picks one at the end.
                var kept = 0;
                for (var c = 0; c < open; c++)
                {
                    var doubled = value * 2 > 9 ? (value * 2) - 9 : value * 2;
                    var even = digits[c] % 2 == 0;
                    (digits[kept], evenDoubled[kept], oddDoubled[kept]) =
                        (digits[c] + 1, evenDoubled[c] + (even ? doubled : value), oddDoubled[c] + (even ? value : doubled));
                    if (digits[kept] <= MaxDigits)
                    {
                        kept++;
                    }
                }
                open = kept;
                lastDigit = i;
                gap = 0;
                continue;
            }
            if (lastDigit == i - 1 && lastDigit >= 0)
            {
                // A group ended: each candidate is now whole groups.
                for (var c = 0; c < open && !found; c++)
                {
                    found = digits[c] >= MinDigits && (digits[c] % 2 == 0 ? evenDoubled[c] : oddDoubled[c]) % 10 == 0;
                }
            }
            if (i < text.Length && IsSeparator(text[i]) && chainStart >= 0)
            {
                gap++;
                continue;
            }
            // Anything else ends the chain.
            if (found)
            {
                break;
            }
            open = 0;
            chainStart = -1;
            gap = 0;
        }
        if (!found)
        {
            (start, length) = (-1, 0);
            return false;
        }
        (start, length) = (chainStart, lastDigit - chainStart + 1);
        return true;
    }

    /// <summary>
    /// <paramref name="text"/> with every chain of digit groups that holds a card-like number replaced by
    /// <see cref="Removed"/>: for what must be written somewhere though it came from outside (a database's error message).
    /// </summary>
    public static string Redact(string text)
    {
        if (!Find(text, out var start, out var length))
        {
            return text;
        }
        var redacted = new StringBuilder(text.Length);
        var from = 0;
        do
        {
            redacted.Append(text, from, start).Append(Removed);
            from += start + length;
        }
        while (Find(text.AsSpan(from), out start, out length));
        return redacted.Append(text, from, text.Length - from).ToString();
    }

    /// <summary>A decimal digit's value (in any script: ASCII, fullwidth, Arabic-Indic...), -1 for anything else.</summary>
    private static int DigitValue(char c) =>
        c is >= '0' and <= '9' ? c - '0'
        : c < 128 ? -1
        : CharUnicodeInfo.GetDecimalDigitValue(c);

    /// <summary>What may stand between the groups of a number: spaces and dashes of any kind.</summary>
    private static bool IsSeparator(char c) =>
        c is ' ' or '-' or '\u00A0' or '\u2007' or '\u202F' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212';
}
