using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Pos.VirtualPrinter;

using var stop = new CancellationTokenSource();
// Ctrl+C and `kill` both stop it cleanly (a background process may not get SIGINT at all).
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await PrinterOptions.InvokeAsync(PrinterOptions.CreateCommand(RunAsync), args, Console.Out, Console.Error, stop.Token);

static async Task<int> RunAsync(PrinterOptions options, CancellationToken stopping)
{
    var state = new PrinterState();
    if (state.Apply(options.Mode) is { } modeError)
    {
        Console.Error.WriteLine($"error: --mode: {modeError}");
        return PrinterOptions.BadArguments;
    }

    var sink = new TicketSink(options.Out, options.Name, Console.Out);
    var printer = new PrinterServer(new IPEndPoint(options.Host, options.Port), state, sink, options.Name);
    var control = new ControlServer(new IPEndPoint(options.Host, options.ControlPort), state, sink, options.Name);
    TcpListener printerListener, controlListener;
    try
    {
        printerListener = printer.Listen();
        controlListener = control.Listen();
    }
    catch (SocketException e)
    {
        Console.Error.WriteLine($"error: cannot listen on {options.Host}:{options.Port} / control {options.ControlPort}: {e.Message}. Choose free ports with --port and --control-port.");
        return 1;
    }

    Console.WriteLine($"{options.Name}: ESC/POS on {printerListener.LocalEndpoint}, control on {controlListener.LocalEndpoint}, mode {state}");
    Console.WriteLine($"{options.Name}: tickets go to {sink.Folder} (continuing after ticket {sink.Count}); Ctrl+C stops");
    await Task.WhenAll(printer.RunAsync(printerListener, stopping), control.RunAsync(controlListener, stopping));
    printerListener.Stop();
    controlListener.Stop();
    Console.WriteLine($"{options.Name}: stopped; {sink.Count} ticket(s) in {sink.Folder}");
    return 0;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
