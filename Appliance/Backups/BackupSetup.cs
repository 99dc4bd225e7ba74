using Hangfire;
using Pos.Appliance.Database;
using Pos.Appliance.Hosting;
using Pos.Grains.Clock;

namespace Pos.Appliance.Backups;

/// <summary>
/// Local backups (README: "Backup and restore"): <see cref="DatabaseBackups"/> on the appliance's database and, unless
/// POS_BACKUP_CRON is "off", Hangfire's recurring <see cref="BackupJob"/> in the store's time zone.
/// </summary>
public static class BackupSetup
{
    public static IServiceCollection AddPosBackups(this IServiceCollection services, IConfiguration config, PosSettings settings)
    {
        var backup = BackupSettings.From(config, settings);
        services.AddSingleton(backup);
        services.AddSingleton(sp => new DatabaseBackups(
            backup, sp.GetRequiredService<PosDatabase>().ConnectionString, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DatabaseBackups>>()));
        services.AddTransient<BackupJob>();
        if (backup.Cron is null)
        {
            // Backups turned off on a store whose sync runs Hangfire: its scheduler would still enqueue a schedule kept
            // from before, for a queue no server takes; BackupStartup removes it.
            if (HangfireStorage.IsAdded(services))
            {
                services.AddHostedService<BackupStartup>();
            }
            return services;
        }
        services.AddPosHangfireStorage();
        services.AddHostedService<BackupStartup>();
        return services;
    }
}

/// <summary>
/// Once the database runs (hosted services start in order): a Hangfire server of one worker for the backup queue, and
/// the recurring job registered with the schedule in the store's time zone; with POS_BACKUP_CRON off, the recurring job
/// removed instead.
/// </summary>
public sealed class BackupStartup(IServiceProvider services, BackupSettings settings, StoreClock clock) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Cron is null)
        {
            services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(BackupJob.RecurringId);
            return Task.CompletedTask;
        }
        var storage = services.GetRequiredService<JobStorage>();
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = $"appliance-backup-{Environment.MachineName}",
                WorkerCount = 1,
                Queues = [BackupJob.Queue],
                Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()),
            },
            storage);
        try
        {
            RecurringJobs.Register(services, BackupJob.RecurringId, () => services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<BackupJob>(
                BackupJob.RecurringId, BackupJob.Queue, j => j.RunAsync(CancellationToken.None), settings.Cron,
                new RecurringJobOptions { TimeZone = clock.Zone }));
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"POS_BACKUP_CRON '{settings.Cron}' is not a cron expression (e.g. '30 3 * * *'; 'off' for none): {e.Message}", e);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            _server.SendStop();
            await _server.WaitForShutdownAsync(cancellationToken);
        }
    }

    public void Dispose() => _server?.Dispose();
}
