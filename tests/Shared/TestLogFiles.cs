using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pos.Tests.Shared;

/// <summary>
/// When POS_TEST_LOGS names a folder, an appliance started in a test process writes its log there (one file per
/// appliance, named by its port): what a timing failure under load needs to be understood after the fact.
/// </summary>
public sealed class TestLogFiles(string path) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _pending = new();
    private readonly Lock _write = new();

    /// <summary>The folder, or null when the variable is unset.</summary>
    public static string? Folder => Environment.GetEnvironmentVariable("POS_TEST_LOGS") is { Length: > 0 } dir ? dir : null;

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose() => Flush();

    private void Write(string line)
    {
        _pending.Enqueue(line);
        if (_pending.Count >= 64)
        {
            Flush();
        }
    }

    private void Flush()
    {
        lock (_write)
        {
            using var file = new StreamWriter(path, append: true);
            while (_pending.TryDequeue(out var line))
            {
                file.WriteLine(line);
            }
        }
    }

    private sealed class FileLogger(TestLogFiles files, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}";
            files.Write(exception is null ? line : line + Environment.NewLine + exception);
            if (logLevel >= LogLevel.Warning)
            {
                files.Flush();
            }
        }
    }
}
