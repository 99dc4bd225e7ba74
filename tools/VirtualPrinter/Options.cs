using System.Globalization;
using System.Net;

namespace Pos.VirtualPrinter;

/// <summary>Command-line options of the virtual printer.</summary>
internal sealed record Options(IPAddress Host, int Port, int ControlPort, string Out, string Name, string[] Mode)
{
    public const string Usage = """
        usage: VirtualPrinter [--port N] [--host ADDRESS] [--control-port N] [--out DIR] [--name NAME]
                              [--mode online|offline|paper-out|cover-open|slow|drop-next] [--slow-ms MS]
          --port          ESC/POS port (default 9100)
          --host          address to listen on (default 127.0.0.1)
          --control-port  line-protocol control port (default port + 1000)
          --out           folder for ticket-NNNN.txt/.bin (default ./.pos/printer-PORT)
          --name          name shown on the console (default printer-PORT)
          --mode          starting mode (default online); --slow-ms sets the slow delay (default 2000)
        """;

    /// <summary>Parses the arguments; returns null and an error message when they are wrong.</summary>
    public static Options? Parse(string[] args, out string? error)
    {
        error = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                return null;
            }
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"'{args[i]}' needs to be an option with a value";
                return null;
            }
            values[args[i][2..]] = args[++i];
        }
        var unknown = values.Keys.Except(["port", "host", "control-port", "out", "name", "mode", "slow-ms"]).FirstOrDefault();
        if (unknown is not null)
        {
            error = $"unknown option --{unknown}";
            return null;
        }
        var port = Number(values, "port", 9100, ref error);
        var controlPort = Number(values, "control-port", port + 1000, ref error);
        var slowMs = Number(values, "slow-ms", PrinterState.DefaultSlowMs, ref error);
        var host = IPAddress.Loopback;
        if (values.TryGetValue("host", out var hostText) && !IPAddress.TryParse(hostText, out host))
        {
            error ??= $"--host '{hostText}' is not an IP address";
        }
        var mode = values.GetValueOrDefault("mode", "online");
        string[] modeWords = mode == "slow" ? ["slow", slowMs.ToString(CultureInfo.InvariantCulture)] : [mode];
        if (error is not null)
        {
            return null;
        }
        return new Options(
            host!, port, controlPort,
            values.GetValueOrDefault("out", Path.Combine(".pos", $"printer-{port}")),
            values.GetValueOrDefault("name", $"printer-{port}"),
            modeWords);
    }

    private static int Number(Dictionary<string, string> values, string key, int fallback, ref string? error)
    {
        if (!values.TryGetValue(key, out var text))
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 65535)
        {
            return value;
        }
        error ??= $"--{key} '{text}' is not a number from 0 to 65535";
        return fallback;
    }
}
