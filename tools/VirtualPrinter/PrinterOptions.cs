using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using Pos.Tools;

namespace Pos.VirtualPrinter;

/// <summary>
/// The virtual printer's command-line options, read by System.CommandLine. Public so the tests parse the same
/// command line the tool runs with.
/// </summary>
public sealed record PrinterOptions(IPAddress Host, int Port, int ControlPort, string Out, string Name, string[] Mode)
{
    public const int DefaultPort = 9100;
    public const int BadArguments = ToolCommandLine.BadArguments;

    /// <summary>The command: reads the options into an <see cref="PrinterOptions"/> and hands it to <paramref name="run"/>.</summary>
    public static RootCommand CreateCommand(Func<PrinterOptions, CancellationToken, Task<int>> run)
    {
        var port = PortOption("--port", "ESC/POS port (0: any free port)", DefaultPort);
        var host = new Option<IPAddress>("--host")
        {
            Description = "Address to listen on",
            HelpName = "ADDRESS",
            DefaultValueFactory = _ => IPAddress.Loopback,
            CustomParser = ParseAddress,
        };
        var controlPort = PortOption("--control-port", "Line-protocol control port (default: port + 1000)", null);
        var output = new Option<string>("--out") { Description = "Folder for ticket-NNNN.txt/.bin (default: ./.pos/printer-PORT)", HelpName = "DIR" };
        var name = new Option<string>("--name") { Description = "Name shown on the console (default: printer-PORT)", HelpName = "NAME" };
        string[] modes = ["online", "offline", "paper-out", "cover-open", "slow", "drop-next"];
        var mode = new Option<string>("--mode")
        {
            Description = $"Starting mode: {string.Join(", ", modes)}",
            HelpName = "MODE",
            DefaultValueFactory = _ => "online",
        };
        mode.AcceptOnlyFromAmong(modes);
        var slowMs = PortOption("--slow-ms", "Delay of each answer in the slow mode, in milliseconds", PrinterState.DefaultSlowMs);
        slowMs.HelpName = "MS";

        var command = new RootCommand("""
            A virtual ESC/POS network printer: prints tickets to files and answers status queries like a kitchen
            printer. Its mode can be changed while it runs: send "mode paper-out" (or status, tickets) as a line to
            the control port.
            """)
        {
            port, host, controlPort, output, name, mode, slowMs,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var portNumber = parsed.GetValue(port);
            var modeWord = parsed.GetRequiredValue(mode);
            return run(
                new PrinterOptions(
                    parsed.GetRequiredValue(host),
                    portNumber,
                    parsed.GetResult(controlPort) is null ? portNumber + 1000 : parsed.GetValue(controlPort),
                    parsed.GetValue(output) ?? Path.Combine(".pos", $"printer-{portNumber}"),
                    parsed.GetValue(name) ?? $"printer-{portNumber}",
                    modeWord == "slow" ? ["slow", parsed.GetValue(slowMs).ToString(CultureInfo.InvariantCulture)] : [modeWord]),
                cancellationToken);
        });
        return command;
    }

    /// <summary>Parses <paramref name="args"/> and runs the printer, or writes what is wrong and returns 2.</summary>
    public static Task<int> InvokeAsync(
        RootCommand command, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        ToolCommandLine.InvokeAsync(command, "dotnet Pos.VirtualPrinter.dll", args, output, error, cancellationToken);

    private static Option<int> PortOption(string name, string description, int? fallback)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            HelpName = "N",
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 65535)
                {
                    return value;
                }

                result.AddError($"{name} '{text}' is not a number from 0 to 65535");
                return 0;
            },
        };
        if (fallback is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    private static IPAddress? ParseAddress(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (IPAddress.TryParse(text, out var address))
        {
            return address;
        }

        result.AddError($"--host '{text}' is not an IP address");
        return null;
    }
}
