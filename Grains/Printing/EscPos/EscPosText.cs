using System.Text;

namespace Pos.Grains.Printing.EscPos;

/// <summary>Renders read commands as the plain text a person would see on the paper, with markers for the rest.</summary>
public static class EscPosText
{
    /// <summary>Text lines as printed; cuts, feeds and requests as bracketed markers on lines of their own.</summary>
    public static string Render(IEnumerable<EscPosCommand> commands)
    {
        var output = new StringBuilder();
        var line = new StringBuilder();
        foreach (var command in commands)
        {
            switch (command)
            {
                case TextCommand text:
                    line.Append(text.Text);
                    break;
                case LineFeedCommand:
                    EndLine(output, line);
                    break;
                case FeedCommand feed:
                    Marker(output, line, $"[FEED {feed.Lines}]");
                    break;
                case CutCommand:
                    Marker(output, line, "[CUT]");
                    break;
                case RequestProcessIdCommand request:
                    Marker(output, line, $"[PROCESS ID {request.Id}]");
                    break;
                case DrawerKickCommand kick:
                    Marker(output, line, $"[DRAWER KICK pin {kick.Pin}]");
                    break;
                case RealTimeStatusRequestCommand status:
                    Marker(output, line, $"[STATUS {status.Request}]");
                    break;
                case UnknownCommand unknown:
                    line.Append($"[? {Convert.ToHexString(unknown.Bytes)}]");
                    break;
                default:
                    // Style commands (initialize, code page, alignment, bold, size) change looks, not words.
                    break;
            }
        }
        if (line.Length > 0)
        {
            EndLine(output, line);
        }
        return output.ToString();
    }

    private static void Marker(StringBuilder output, StringBuilder line, string marker)
    {
        if (line.Length > 0)
        {
            EndLine(output, line);
        }
        output.Append(marker).Append('\n');
    }

    private static void EndLine(StringBuilder output, StringBuilder line)
    {
        output.Append(line).Append('\n');
        line.Clear();
    }
}
