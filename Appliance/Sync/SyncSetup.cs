using System.Net.Http.Headers;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Pos.Api.Sync;
using Pos.Appliance.Database;
using Pos.Appliance.Hosting;
using Pos.Appliance.Journal;
using Pos.Contracts.Problems;

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
        if (settings.Cloud is not { } link)
        {
            return services;
        }
        services.AddSingleton(link);
        services.AddSingleton(sp => new CloudClient(link, sp.GetRequiredService<Pos.Grains.Clock.StoreClock>(), new HttpClient(
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestHeaders = { UserAgent = { new ProductInfoHeaderValue("pos-appliance", "1") } },
        }));
        services.AddSingleton<DaySealer>();
        services.AddSingleton<SyncJob>();
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
                })
            // Finished jobs are kept an hour for the dashboard, then deleted: the table stays small.
            .WithJobExpirationTimeout(TimeSpan.FromHours(1)));
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
/// Once the database runs: starts the Hangfire server (one worker on the sync queue), registers the recurring
/// job, makes every journal commit nudge the sync job (and the writer's reconnection after a database outage
/// resume it), and sends what is pending now.
/// </summary>
public sealed class SyncStartup(IServiceProvider services, JournalWriter writer) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;
    private SyncJob? _job;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = $"appliance-{Environment.MachineName}",
                WorkerCount = 1,
                Queues = ["sync", "default"],
                SchedulePollingInterval = TimeSpan.FromSeconds(15),
            },
            // Resolving the storage applies AddHangfire's configuration, whose job activator takes jobs from DI.
            services.GetRequiredService<JobStorage>());
        services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<SyncJob>(SyncJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        _job = services.GetRequiredService<SyncJob>();
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
