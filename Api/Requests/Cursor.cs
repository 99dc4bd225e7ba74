using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Pos.Api.Requests;

/// <summary>
/// The <c>cursor</c> of a list that can grow: opaque to clients (base64url of where the next page starts, marked
/// with the list it belongs to), so a list may change how it pages without changing its contract. A client sends
/// back the <c>nextCursor</c> an answer gave it, unchanged.
/// </summary>
public static class Cursor
{
    /// <summary>A cursor of <paramref name="list"/> that starts after <paramref name="position"/>.</summary>
    public static string Of(string list, string position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{list}:{position}"));

    /// <summary>A cursor of <paramref name="list"/> at a journal seq.</summary>
    public static string Of(string list, long seq) => Of(list, seq.ToString(CultureInfo.InvariantCulture));

    /// <summary>The position a cursor of <paramref name="list"/> holds; false when it is not one this list gave.</summary>
    public static bool TryRead(string list, string cursor, out string position)
    {
        position = "";
        if (cursor.Length > 400 || !Base64Url.IsValid(cursor))
        {
            return false;
        }
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }
        if (!text.StartsWith(list + ":", StringComparison.Ordinal))
        {
            return false;
        }
        position = text[(list.Length + 1)..];
        return true;
    }

    /// <summary>The journal seq a cursor of <paramref name="list"/> holds.</summary>
    public static bool TryRead(string list, string cursor, out long seq)
    {
        seq = 0;
        return TryRead(list, cursor, out string position)
            && long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out seq) && seq > 0;
    }
}
