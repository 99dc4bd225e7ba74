using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Polly.Telemetry;
using Pos.Grains.Clock;
using Pos.Grains.Journal;
using Pos.Grains.Printing;
using Pos.Grains.Tests.Journal;
using Pos.Tests.Shared;

namespace Pos.Grains.Tests.Printing.Printers;

/// <summary>
/// One in-process silo running the real printer grains on an in-memory journal, scripted printers and a store clock
/// the tests move. Tests share it (each uses printers of its own) and run one after another.
/// </summary>
public sealed class PrinterCluster : IAsyncLifetime
{
    public static readonly PrintingOptions Options = new()
    {
        RetryMin = TimeSpan.FromSeconds(1),
        RetryMax = TimeSpan.FromSeconds(8),
        ProbeEvery = TimeSpan.FromSeconds(30),
    };

    private InProcessTestCluster? _cluster;
    private MeterListener? _meters;

    public PrinterCluster()
    {
        Printers = new FakePrinters(Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
    internal InMemoryJournal Journal { get; } = new();
    internal FakePrinters Printers { get; }
    public PrinterCatalog Catalog { get; } = new();
    internal CapturedLogs Logs { get; } = new();
    public IGrainFactory Grains => _cluster!.Client;

    /// <summary>Unexpected errors counted per printer (pos.printing.unexpected_errors).</summary>
    public ConcurrentDictionary<string, long> UnexpectedErrors { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PrintingTelemetry.Name && instrument.Name == "pos.printing.unexpected_errors")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "printer" && tag.Value is string printer)
                {
                    UnexpectedErrors.AddOrUpdate(printer, value, (_, sum) => sum + value);
                }
            }
        });
        _meters.Start();

        var clock = new StoreClock(Time, new StoreClockOptions { TimeZoneId = "UTC", DayStarts = TimeSpan.FromHours(4) });
        var retry = new PrinterRetry(PrinterRetry.Build(Options, Time, new TelemetryOptions(), randomizer: () => 0.5));
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IJournal>(Journal);
            silo.Services.AddSingleton(clock);
            silo.Services.AddSingleton(Catalog);
            silo.Services.AddSingleton(Options);
            silo.Services.AddSingleton(new JournalAvailability(Time));
            silo.Services.AddSingleton<IPrinterLinkFactory>(Printers);
            silo.Services.AddSingleton(retry);
            silo.Services.AddSingleton<ILoggerProvider>(Logs);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Publishes the printers (as the printer directory would) and configures their grains.</summary>
    public async Task ConfigureAsync(params PrinterConfig[] printers)
    {
        var current = Catalog.Current ?? PrinterSet.Empty;
        var all = current.Printers.Where(p => printers.All(n => n.PrinterId != p.PrinterId)).Concat(printers).ToList();
        Catalog.Publish(new PrinterSet(current.Version + 1, all));
        foreach (var printer in printers)
        {
            await Grains.GetGrain<IPrinterGrain>(printer.PrinterId).Configure(printer);
        }
    }

    /// <summary>Commits a job for its printer and hands it to the grain, as the order grain does after a fire.</summary>
    public async Task<PrintJobQueued> QueueAsync(string printerId, int orderNumber)
    {
        var queued = Jobs.For(printerId, orderNumber);
        var at = Time.GetUtcNow();
        var seq = Journal.Queue(queued, at);
        await Grains.GetGrain<IPrinterGrain>(printerId).Accept(queued, seq, at);
        return queued;
    }

    public async Task<PrinterView> PrinterAsync(string printerId) =>
        await Grains.GetGrain<IPrinterGrain>(printerId).Get() ?? throw new InvalidOperationException($"{printerId} is not configured");

    /// <summary>Moves the clock by <paramref name="step"/> per probe until <paramref name="done"/> holds.</summary>
    public Task AdvanceUntilAsync(Func<bool> done, TimeSpan step, string what) =>
        Poll.UntilAsync(() =>
        {
            var finished = done();
            if (!finished)
            {
                Time.Advance(step);
            }
            return Task.FromResult(finished);
        }, finished => finished, TimeSpan.FromSeconds(20), what);

    public async Task DisposeAsync()
    {
        _meters?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PrinterClusterCollection : ICollectionFixture<PrinterCluster>
{
    public const string Name = "printer cluster";
}

/// <summary>Log lines written through the silo's loggers, with their exceptions.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _lines = new();

    public IReadOnlyList<CapturedLog> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}

internal sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception);
