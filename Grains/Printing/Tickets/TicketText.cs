namespace Pos.Grains.Printing.Tickets;

/// <summary>Word wrapping to a fixed number of printer columns.</summary>
public static class TicketText
{
    /// <summary>
    /// Wraps <paramref name="text"/> to lines of at most <paramref name="width"/> characters: the first
    /// starts with <paramref name="firstPrefix"/>, the rest with <paramref name="nextPrefix"/>.
    /// Words longer than a line are split rather than let run past the paper's edge.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int width, string firstPrefix = "", string nextPrefix = "")
    {
        if (Math.Max(firstPrefix.Length, nextPrefix.Length) >= width)
        {
            throw new ArgumentException("Prefixes must leave room for text.", nameof(width));
        }
        var lines = new List<string>();
        var prefix = firstPrefix;
        var current = "";
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > 0)
            {
                var room = width - prefix.Length - current.Length - (current.Length > 0 ? 1 : 0);
                if (rest.Length <= room)
                {
                    current = current.Length > 0 ? $"{current} {rest}" : rest;
                    break;
                }
                if (current.Length > 0)
                {
                    lines.Add(prefix + current);
                    prefix = nextPrefix;
                    current = "";
                    continue;
                }
                room = width - prefix.Length;
                lines.Add(prefix + rest[..room]);
                prefix = nextPrefix;
                rest = rest[room..];
            }
        }
        if (current.Length > 0 || lines.Count == 0)
        {
            lines.Add(prefix + current);
        }
        return lines;
    }

    /// <summary><paramref name="left"/> and <paramref name="right"/> on one line when they fit, else on two.</summary>
    public static IReadOnlyList<string> Spread(string left, string right, int width)
    {
        var gap = width - left.Length - right.Length;
        if (gap >= 1)
        {
            return [left + new string(' ', gap) + right];
        }
        return [.. Wrap(left, width), .. Wrap(right, width)];
    }

    /// <summary>A separator with an optional title: <c>--- Mains -----</c>.</summary>
    public static IReadOnlyList<string> Rule(string? title, int width, char fill = '-')
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return [new string(fill, width)];
        }
        var lead = new string(fill, 3) + " ";
        var lines = Wrap(title, width - 1, lead, lead);
        return [.. lines.Select(l => (l + " ").PadRight(width, fill))];
    }
}
