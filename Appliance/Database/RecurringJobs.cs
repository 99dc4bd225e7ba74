using Hangfire.PostgreSql;
using Hangfire.Storage;

namespace Pos.Appliance.Database;

/// <summary>
/// Registers a recurring job at start without letting a lock left behind stop the appliance. Hangfire takes a row lock
/// (table hangfire.lock) to change a recurring job; a process SIGKILLed or cut off by a power cut while its scheduler
/// held one leaves the row until it is stale (<see cref="HangfireStorage.StaleLockAfter"/>). Registering waits for it
/// a while and then throws, which at start would stop the host, again and again under systemd: the store down after a
/// crash (found by the chaos suite, docs/RELIABILITY.md). The job was registered by an earlier start, so on a lock
/// timeout that registration stands and the start goes on, saying so.
/// </summary>
public static partial class RecurringJobs
{
    public static void Register(IServiceProvider services, string jobId, Action register)
    {
        try
        {
            register();
        }
        catch (Exception e) when (e is PostgreSqlDistributedLockException or DistributedLockTimeoutException)
        {
            LogLockHeld(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RecurringJobs)), jobId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The recurring job {JobId} keeps its earlier registration: its lock is still held, most likely left by a process that was killed ({Reason})")]
    private static partial void LogLockHeld(ILogger logger, string jobId, string reason);
}
