using Pos.Tools;

namespace Pos.Chaos;

/// <summary>
/// The entry point of <c>dotnet Pos.Chaos.dll</c> (a class of its own, not top-level statements: the end-to-end tests
/// reference this assembly beside the appliance's, whose <c>Program</c> they use).
/// </summary>
internal static class ChaosProgram
{
    public static async Task<int> Main(string[] args)
    {
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
            await Console.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
    }
}
