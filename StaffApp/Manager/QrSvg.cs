using System.Globalization;
using System.Text;
using QRCoder;

namespace Pos.StaffApp.Manager;

/// <summary>
/// A QR code as an SVG drawn here, in the phone (QRCoder computes the modules; no service is asked): one path of unit
/// squares on a white field with its quiet zone, scaled by the page. Error correction M: a phone's camera reads it off
/// another phone's screen at arm's length.
/// </summary>
public static class QrSvg
{
    public static string Draw(string text, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix; // the quiet zone (4 modules) included
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            var row = modules[y];
            for (var x = 0; x < size; x++)
            {
                if (row[x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }
        var n = size.ToString(CultureInfo.InvariantCulture);
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" role=\"img\" aria-label=\"{Escape(label)}\" " +
            "shape-rendering=\"crispEdges\" class=\"qr\">" +
            $"<rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
