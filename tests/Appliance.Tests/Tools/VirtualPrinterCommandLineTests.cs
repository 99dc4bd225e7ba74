using System.Net;
using Pos.VirtualPrinter;

namespace Pos.Appliance.Tests.Tools;

/// <summary>The virtual printer's command line as `pos run` and README.md use it: defaults, modes, usage errors.</summary>
public sealed class VirtualPrinterCommandLineTests
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private PrinterOptions? _ran;

    [Fact]
    public async Task Without_options_it_listens_on_loopback_9100_with_control_on_10100_online()
    {
        var options = await RunAsync();

        Assert.Equal(IPAddress.Loopback, options.Host);
        Assert.Equal((9100, 10100), (options.Port, options.ControlPort));
        Assert.Equal((Path.Combine(".pos", "printer-9100"), "printer-9100"), (options.Out, options.Name));
        Assert.Equal(["online"], options.Mode);
    }

    [Fact]
    public async Task The_control_port_name_and_folder_follow_the_port_unless_given()
    {
        var bar = await RunAsync("--port", "9101", "--name", "bar", "--out", "/tmp/printer-bar");
        Assert.Equal((9101, 10101, "bar", "/tmp/printer-bar"), (bar.Port, bar.ControlPort, bar.Name, bar.Out));

        var own = await RunAsync("--port=9300", "--control-port", "9301", "--host", "::1");
        Assert.Equal((9300, 9301, IPAddress.IPv6Loopback, "printer-9300"), (own.Port, own.ControlPort, own.Host, own.Name));
    }

    [Fact]
    public async Task The_slow_mode_takes_its_delay_from_slow_ms()
    {
        Assert.Equal(["slow", "500"], (await RunAsync("--mode", "slow", "--slow-ms", "500")).Mode);
        Assert.Equal(["slow", "2000"], (await RunAsync("--mode", "slow")).Mode);
        Assert.Equal(["paper-out"], (await RunAsync("--mode", "paper-out", "--slow-ms", "500")).Mode);
    }

    [Theory]
    [InlineData("--port '70000' is not a number from 0 to 65535", "--port", "70000")]
    [InlineData("--control-port 'ten' is not a number from 0 to 65535", "--control-port", "ten")]
    [InlineData("--host 'printer.local' is not an IP address", "--host", "printer.local")]
    [InlineData("Argument 'jammed' not recognized. Must be one of:", "--mode", "jammed")]
    [InlineData("Unrecognized command or argument '--colour'", "--colour", "red")]
    [InlineData("Required argument missing for option: '--port'", "--port")]
    public async Task A_bad_argument_is_a_usage_error_naming_it_and_nothing_listens(string message, params string[] args)
    {
        var exitCode = await InvokeAsync(args);

        Assert.Equal(PrinterOptions.BadArguments, exitCode);
        Assert.Null(_ran);
        Assert.Contains(message, _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_names_every_option_and_its_default()
    {
        Assert.Equal(0, await InvokeAsync("--help"));

        var help = _output.ToString();
        foreach (var option in new[] { "--port <N>", "--host <ADDRESS>", "--control-port <N>", "--out <DIR>", "--name <NAME>", "--mode <MODE>", "--slow-ms <MS>" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }

        Assert.Contains("[default: 9100]", help, StringComparison.Ordinal);
        Assert.Null(_ran);
    }

    private async Task<PrinterOptions> RunAsync(params string[] args)
    {
        var exitCode = await InvokeAsync(args);
        Assert.True(exitCode == 0, $"exit code {exitCode}: {_error}");
        return Assert.IsType<PrinterOptions>(_ran);
    }

    private Task<int> InvokeAsync(params string[] args) =>
        PrinterOptions.InvokeAsync(PrinterOptions.CreateCommand(Record), args, _output, _error, CancellationToken.None);

    private Task<int> Record(PrinterOptions options, CancellationToken cancellationToken)
    {
        _ran = options;
        return Task.FromResult(0);
    }
}
