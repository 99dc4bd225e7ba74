using System.Net.Http.Headers;
using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Pos.Api.Sync;
using Pos.Appliance.Database;
using Pos.Appliance.Hosting;
using Pos.Appliance.Journal;
using Pos.Contracts.Problems;
using Pos.Grains.Clock;

namespace Pos.Appliance.Sync;

/// <summary>
/// The journal's replay to the cloud: Hangfire with its tables in the appliance's PostgreSQL (schema
/// "hangfire"), one worker on the "sync" queue, the sync job and its recurring schedule, the dashboard at
/// /hangfire for the admin. Without a cloud link only the status route is there, saying how to link.
/// </summary>
public static class SyncSetup
{
    public const string DashboardPath = "/hangfire";

    public static IServiceCollection AddPosSync(this IServiceCollection services, PosSettings settings)
    {
        services.AddSingleton<SyncCheckpointStore>();
        services.AddSingleton<ISyncStatusSource, SyncStatusSource>();
        services.AddHealthChecks().AddCheck<SyncLagHealthCheck>("sync", tags: [Pos.Api.Health.HealthChecks.Sync])
            // Working but not syncing: the store degraded, never unavailable.
            .Add(Pos.Api.Health.DegradesReadiness.For<SyncLagHealthCheck>("cloudSync"));
        if (settings.Cloud is not { } link)
        {
            return services;
        }
        services.AddSingleton(link);
        // The typed cloud client: its retries of a passing failure (a reset, a 503), its timeouts and their telemetry
        // are the resilience handler's; a longer outage is Hangfire's to retry (SyncStartup).
        services.AddHttpClient<CloudClient>(http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience handler's timeouts apply
                http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("pos-appliance", "1"));
            })
            // Held by singletons: the pooled connections' lifetime, not the handler's rotation, picks up DNS changes.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler(o =>
            {
                // The cloud takes a batch again idempotently (by seq and eventId), so a POST is retried too.
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromSeconds(1);
                var attempt = settings.Sync.AttemptTimeout;
                o.AttemptTimeout.Timeout = attempt;
                o.TotalRequestTimeout.Timeout = attempt * 2.5; // three attempts, the second and third after a pause
                // The handler's own rule: the breaker samples at least two attempts' time.
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(60, attempt.TotalSeconds * 2));
            });
        services.AddSingleton<ICloudSync>(sp => sp.GetRequiredService<CloudClient>());
        services.AddSingleton(sp => new CloudSigner(link.Secret, sp.GetRequiredService<StoreClock>().Time));
        services.AddSingleton(sp => new SyncLoop(settings.Sync, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SyncGate(sp.GetRequiredService<TimeProvider>(), SyncGate.SchedulePollingFor(settings.Sync.MaxBackoff)));
        services.AddSingleton<ISyncCheckpoints>(sp => sp.GetRequiredService<SyncCheckpointStore>());
        services.AddSingleton<ISyncJournal, JournalForSync>();
        services.AddSingleton<IStoreMenu, MenuGrainForSync>();
        services.AddSingleton(sp => new JournalShipper(
            sp.GetRequiredService<ISyncJournal>(), sp.GetRequiredService<ICloudSync>(), sp.GetRequiredService<ISyncCheckpoints>(),
            sp.GetRequiredService<CloudSigner>(), sp.GetRequiredService<TimeProvider>(), settings.Sync.BatchSize));
        services.AddSingleton<MenuPuller>();
        services.AddSingleton<DaySealer>();
        services.AddSingleton<SyncJob>();
        services.AddPosHangfireStorage();
        // Not AddHangfireServer: its hosted service opens the storage when the host is built, before the
        // embedded PostgreSQL runs. SyncStartup starts the server once the database is up.
        services.AddHostedService<SyncStartup>();
        return services;
    }

    /// <summary>
    /// The Hangfire dashboard for the admin, as the API's authentication knows them: the admin token as a bearer
    /// token, or as the password of basic auth, which a browser is asked for. Writes from another site are refused
    /// (<see cref="CrossSiteWrites"/>): the browser would send its cached Basic credentials with them.
    /// </summary>
    public static WebApplication UsePosSyncDashboard(this WebApplication app, PosSettings settings)
    {
        if (settings.Cloud is null)
        {
            return app;
        }
        // The dashboard reads Hangfire's storage, which exists once the database runs: built at the first request.
        var options = new DashboardOptions
        {
            Authorization = [new AdminDashboardFilter()],
            DashboardTitle = "Store appliance: sync jobs",
            AppPath = "/swagger",
            DisplayStorageConnectionString = false,
        };
        app.UseWhen(http => http.Request.Path.StartsWithSegments(DashboardPath), branch => branch.Use(next =>
        {
            var dashboard = new Lazy<RequestDelegate>(() =>
            {
                var inner = ((IApplicationBuilder)app).New();
                inner.UseHangfireDashboard(DashboardPath, options);
                inner.Run(next);
                return inner.Build();
            });
            return http =>
            {
                // Before the credentials: a cross-site post carries the browser's cached ones.
                if (CrossSiteWrites.Refusal(http.Request) is { } crossSite)
                {
                    return Pos.Api.Problems.Problems.Of(ErrorCodes.Forbidden, crossSite).ExecuteAsync(http);
                }
                if (!AdminDashboardFilter.IsAdmin(http))
                {
                    http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    http.Response.Headers.WWWAuthenticate = "Basic realm=\"Store appliance: any user name, the admin token as password\"";
                    return Task.CompletedTask;
                }
                return dashboard.Value(http);
            };
        }));
        return app;
    }
}

/// <summary>Lets the admin in, as authenticated by the API's scheme.</summary>
public sealed class AdminDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsAdmin(context.GetHttpContext());

    public static bool IsAdmin(HttpContext http) => http.User.IsInRole(Pos.Api.Auth.DeviceAuthenticationHandler.AdminRole);
}

/// <summary>
/// Once the database runs: starts the Hangfire server (one worker on the sync queue, with the sync job's retry policy),
/// registers the recurring job, makes every journal commit nudge the sync job (and the writer's reconnection after a
/// database outage resume it), and sends what is pending now.
/// </summary>
public sealed class SyncStartup(IServiceProvider services, JournalWriter writer, PosSettings settings) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;
    private SyncJob? _job;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the storage applies AddHangfire's configuration: its log provider is this host's (Hangfire's filters
        // take a logger when made, so they are made after this); the server below takes its jobs from this host's DI.
        var storage = services.GetRequiredService<JobStorage>();
        _job = services.GetRequiredService<SyncJob>();
        var loop = services.GetRequiredService<SyncLoop>();
        var maxBackoff = settings.Sync.MaxBackoff;
        // Hangfire's own retry, given to this server only (not the process-wide filters): a failed attempt is the same
        // job scheduled again after the loop's delay (growing with the failures in a row, up to POS_SYNC_MAX_BACKOFF),
        // for about an hour; then it is deleted (kept an hour for the dashboard) and the next append or the recurring
        // job starts the next one.
        var retry = new AutomaticRetryAttribute
        {
            Attempts = _job.RetryAttempts,
            DelayInSecondsByAttemptFunc = _ => (int)Math.Ceiling(SyncLoop.RetryDelay(Math.Max(1, loop.Failures), maxBackoff).TotalSeconds),
            OnlyOn = [typeof(SyncAttemptFailedException)],
            OnAttemptsExceeded = AttemptsExceededAction.Delete,
            LogEvents = false, // the sync job logs each failed attempt itself, once, without a stack
        };
        var filters = new JobFilterCollection();
        filters.Add(retry, order: 30); // after Hangfire's default AutomaticRetry (order 20), which it replaces
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = $"appliance-{Environment.MachineName}",
                WorkerCount = 1,
                Queues = ["sync", "default"],
                // A retry is due after a second or more: look for due ones often enough (one indexed query each time).
                SchedulePollingInterval = SyncGate.SchedulePollingFor(maxBackoff),
                FilterProvider = new JobFilterProviderCollection(JobFilterProviders.Providers, filters),
                // Jobs from this host's services: Hangfire's default activator is one per process, the last host's.
                Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()),
            },
            storage);
        RecurringJobs.Register(services, SyncJob.RecurringId, () => services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<SyncJob>(SyncJob.RecurringId, j => j.RunAsync(null, CancellationToken.None), Cron.Minutely()));
        writer.Committed += _job.Nudge;
        writer.Reconnected += _job.DatabaseReturned;
        _job.Nudge();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_job is not null)
        {
            writer.Committed -= _job.Nudge;
            writer.Reconnected -= _job.DatabaseReturned;
        }
        if (_server is not null)
        {
            _server.SendStop();
            await _server.WaitForShutdownAsync(cancellationToken);
        }
    }

    public void Dispose() => _server?.Dispose();
}
