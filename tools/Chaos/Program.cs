using Pos.Chaos;
using Pos.Tools;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var root = ChaosCommandLine.Create(ChaosCommandLine.RunAsync, Environment.GetEnvironmentVariable);
try
{
    return await ToolCommandLine.InvokeAsync(root, "dotnet Pos.Chaos.dll", args, Console.Out, Console.Error, cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
