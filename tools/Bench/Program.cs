using Pos.Bench;
using Pos.Bench.Backlog;
using Pos.Bench.Cloud;
using Pos.Bench.Hq;
using Pos.Bench.Orders;
using Pos.Bench.Printing;
using Pos.Bench.Soak;
using Pos.Bench.StaffApp;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var commandLine = BenchCommandLine.Create(
    new BenchActions(OrdersBenchmark.RunAsync, PrintingBenchmark.RunAsync, CloudBenchmark.RunAsync, BacklogBenchmark.RunAsync, StaffAppBenchmark.RunAsync, HqBenchmark.RunAsync, SoakBenchmark.RunAsync),
    Environment.GetEnvironmentVariable);
try
{
    return await BenchCommandLine.InvokeAsync(commandLine, args, Console.Out, Console.Error, cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
