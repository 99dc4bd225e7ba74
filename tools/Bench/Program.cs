using Pos.Bench;
using Pos.Bench.Backlog;
using Pos.Bench.Cloud;
using Pos.Bench.Orders;
using Pos.Bench.Printing;

Func<CancellationToken, Task<int>> benchmark;
if (args.Length > 0 && args[0] == "backlog")
{
    if (!BacklogOptions.TryParse(args, out var backlog, out var backlogError))
    {
        return BadArguments(backlogError, BacklogOptions.Usage);
    }

    if (backlog.Help)
    {
        Console.WriteLine(BacklogOptions.Usage);
        return 0;
    }

    benchmark = cancellationToken => BacklogBenchmark.RunAsync(backlog, cancellationToken);
}
else if (args.Length > 0 && args[0] == "printing")
{
    if (!PrintingOptions.TryParse(args, out var printing, out var printingError))
    {
        return BadArguments(printingError, PrintingOptions.Usage);
    }

    if (printing.Help)
    {
        Console.WriteLine(PrintingOptions.Usage);
        return 0;
    }

    benchmark = cancellationToken => PrintingBenchmark.RunAsync(printing, cancellationToken);
}
else if (args.Length > 0 && args[0] == "cloud")
{
    if (!CloudOptions.TryParse(args, out var cloud, out var cloudError))
    {
        return BadArguments(cloudError, CloudOptions.Usage);
    }

    if (cloud.Help)
    {
        Console.WriteLine(CloudOptions.Usage);
        return 0;
    }

    benchmark = cancellationToken => CloudBenchmark.RunAsync(cloud, cancellationToken);
}
else
{
    if (!BenchOptions.TryParse(args, out var options, out var error))
    {
        return BadArguments(error, BenchOptions.Usage + Environment.NewLine + "Also: dotnet Pos.Bench.dll printing --help, cloud --help, backlog --help");
    }

    if (options.Help)
    {
        Console.WriteLine(BenchOptions.Usage);
        Console.WriteLine("Also: dotnet Pos.Bench.dll printing --help (fire-to-ticket latency)");
        Console.WriteLine("Also: dotnet Pos.Bench.dll cloud --help (journal ingest from many stores)");
        Console.WriteLine("Also: dotnet Pos.Bench.dll backlog --help (catch-up of a backlog, appliance to cloud)");
        return 0;
    }

    benchmark = cancellationToken => OrdersBenchmark.RunAsync(options, cancellationToken);
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return await benchmark(cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}

static int BadArguments(string error, string usage)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(usage);
    return 2;
}
