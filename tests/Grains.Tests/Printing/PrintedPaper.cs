using Pos.Grains.Printing.EscPos;

namespace Pos.Grains.Tests.Printing;

/// <summary>The lines a printer would put on paper for some bytes, with how many columns each takes.</summary>
internal sealed record PrintedLine(string Text, int Columns, bool Bold, int Width, int Height);

internal static class PrintedPaper
{
    public static IReadOnlyList<PrintedLine> Lines(byte[] bytes)
    {
        var lines = new List<PrintedLine>();
        var text = "";
        var bold = false;
        var width = 1;
        var height = 1;
        foreach (var command in EscPosReader.Parse(bytes))
        {
            switch (command)
            {
                case TextCommand t:
                    text += t.Text;
                    break;
                case BoldCommand b:
                    bold = b.On;
                    break;
                case SizeCommand s:
                    (width, height) = (s.Width, s.Height);
                    break;
                case InitializeCommand:
                    (bold, width, height) = (false, 1, 1);
                    break;
                case LineFeedCommand:
                    lines.Add(new PrintedLine(text, text.Length * width, bold, width, height));
                    text = "";
                    break;
                default:
                    break;
            }
        }
        Assert.Equal("", text); // every line of a ticket ends in a line feed
        return lines;
    }
}
