using Hangfire;
using Hangfire.PostgreSql;
using Pos.Appliance.Sync;

namespace Pos.Appliance.Database;

/// <summary>
/// Hangfire's storage in the appliance's PostgreSQL (schema "hangfire"), shared by the sync job's server and the backup
/// job's server (each starts its own, on its own queue, once the database runs). Added once, whoever asks first.
/// </summary>
public static class HangfireStorage
{
    /// <summary>
    /// How old a Hangfire lock row must be for the next taker to remove it (Hangfire.PostgreSql's default is 10 minutes).
    /// Hangfire holds its own locks for milliseconds (no job here takes one for its run), so only a lock a killed process
    /// left lives this long; with the default, a recurring job stayed locked for 10 minutes after a crash.
    /// </summary>
    public static readonly TimeSpan StaleLockAfter = TimeSpan.FromSeconds(10);

    /// <summary>Whether a part of the appliance has added the storage (and so starts a Hangfire server).</summary>
    public static bool IsAdded(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(Added));

    public static IServiceCollection AddPosHangfireStorage(this IServiceCollection services)
    {
        if (IsAdded(services))
        {
            return services;
        }
        services.AddSingleton<Added>();
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                o => o.UseNpgsqlConnection(sp.GetRequiredService<PosDatabase>().ConnectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    // LISTEN/NOTIFY wakes the worker when a job is enqueued, so the queue need not be polled often.
                    EnableLongPolling = true,
                    QueuePollInterval = TimeSpan.FromMinutes(1),
                    JobExpirationCheckInterval = TimeSpan.FromMinutes(15),
                    DistributedLockTimeout = StaleLockAfter,
                })
            // Finished jobs are kept an hour for the dashboard, then deleted: the table stays small.
            .WithJobExpirationTimeout(TimeSpan.FromHours(1))
            .UseLogProvider(new HangfireLogs(sp.GetRequiredService<ILoggerFactory>())));
        return services;
    }

    /// <summary>Marks the storage as added.</summary>
    private sealed class Added;
}
