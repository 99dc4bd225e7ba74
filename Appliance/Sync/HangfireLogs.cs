using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MicrosoftLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Pos.Appliance.Sync;

/// <summary>
/// Hangfire's log lines into this host's logging. Hangfire keeps one log provider per process; an appliance stopped in
/// a process that hosts another (the tests run several at once) must not take the other's Hangfire down with it: a
/// line that finds this host's logging disposed is dropped, never thrown into Hangfire's worker.
/// </summary>
public sealed class HangfireLogs(ILoggerFactory loggers) : ILogProvider
{
    public ILog GetLogger(string name) => new Log(loggers, name);

    private sealed class Log(ILoggerFactory loggers, string name) : ILog
    {
        private ILogger? _logger;

        bool ILog.Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception)
        {
            try
            {
                var logger = _logger ??= loggers.CreateLogger(name);
                var level = logLevel switch
                {
                    HangfireLevel.Trace => MicrosoftLevel.Trace,
                    HangfireLevel.Debug => MicrosoftLevel.Debug,
                    HangfireLevel.Info => MicrosoftLevel.Information,
                    HangfireLevel.Warn => MicrosoftLevel.Warning,
                    HangfireLevel.Error => MicrosoftLevel.Error,
                    _ => MicrosoftLevel.Critical,
                };
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level); // Hangfire asks whether a level is on
                }
                logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
