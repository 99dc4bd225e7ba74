using System.Net;
using Microsoft.AspNetCore.Authentication;
using Orleans.Configuration;
using Pos.Cloud.ChainMenus;
using Pos.Cloud.Database;
using Pos.Cloud.Groups;
using Pos.Cloud.Hosting;
using Pos.Cloud.Menus;
using Pos.Cloud.Reports;
using Pos.Cloud.Stores;
using Pos.Contracts.Requests;
using Pos.Hosting.Access;
using Pos.Hosting.Requests;
using Pos.Hosting.Secrets;

// A cloud silo: an Orleans silo clustered through its PostgreSQL (ADO.NET clustering, the project's own schema)
// that also serves the HQ API and takes the stores' journal batches. Start 1 to N of them on one database.
if (ProjectionsCommand.IsAsked(args))
{
    // A maintenance command beside the silos (README: "HQ reports from figures"), not a silo.
    return await ProjectionsCommand.MainAsync(args);
}
var builder = WebApplication.CreateBuilder(args);
CloudSettings settings;
RawEventDays rawEventDays;
try
{
    settings = CloudSettings.From(builder.Configuration);
    rawEventDays = new RawEventDays(RawEventRetention.DaysFrom(builder.Configuration));
}
catch (Exception e) when (e is TokenRefusedException or InvalidOperationException)
{
    // Said plainly and ended with a status systemd shows, rather than a stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
builder.WebHost.UseUrls(builder.Configuration["POS_CLOUD_URLS"] is { Length: > 0 } urls ? urls : "http://127.0.0.1:5090");
// What Kestrel reads ahead of the application per connection (1 MB by default): anyone can open connections, so
// bodies nobody has authenticated yet hold little memory before a route looks at them.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBufferSize = 64 * 1024);

builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<CloudDatabase>();
builder.Services.AddSingleton<StoreRegistry>();
builder.Services.AddSingleton<StoreJournal>();
builder.Services.AddSingleton<CloudDailyReports>();
builder.Services.AddSingleton<StoredReportJson>();
builder.Services.AddSingleton<CloudRangeReports>();
builder.Services.AddSingleton<WeekFiguresRollups>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<WeekFiguresRollups>());
builder.Services.AddSingleton<StoreMenus>();
builder.Services.AddSingleton<StoreGroups>();
builder.Services.AddSingleton<ChainMenuStore>();
builder.Services.AddSingleton<ChainMenuPublisher>();
builder.Services.AddSingleton(new BatchIntakeLimits());
builder.Services.AddSingleton(sp => new BatchIntake(
    sp.GetRequiredService<BatchIntakeLimits>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BatchIntake>>()));
builder.Services.AddFailedAuthenticationLimit();
builder.Services.AddHostedService<CloudDatabaseStartup>();
builder.Services.AddSingleton(rawEventDays);
// After the database's start-up (hosted services start in order).
builder.Services.AddHostedService<DayFiguresUpkeep>();
builder.Services.AddCloudHealthChecks();
// Under systemd: READY=1 once serving, STOPPING=1, and watchdog pings while the database answers (deploy/systemd).
builder.Services.AddCloudSystemd();
// Requests are read as strictly as the appliance reads them; what they cannot be read as is a problem, never a 500.
builder.Services.ConfigureHttpJsonOptions(o => RequestJson.Configure(o.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = CloudBodyTooLarge.Customize);
builder.Services.AddExceptionHandler<CloudRequestProblems>();
builder.Services.AddAuthentication(HqAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, HqAuthenticationHandler>(HqAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization();
// The handler's own per-request "was not authenticated" lines; FailedAuthenticationLimit says it once per burst.
builder.Logging.AddFilter(typeof(HqAuthenticationHandler).FullName, LogLevel.Warning);
builder.UseOrleans(silo =>
{
    silo.UseAdoNetClustering(o => o.Invariant = "Npgsql");
    silo.Configure<ClusterOptions>(o =>
    {
        o.ClusterId = settings.ClusterId;
        o.ServiceId = "pos-cloud";
    });
    silo.ConfigureEndpoints(settings.SiloAddress, settings.SiloPort, settings.GatewayPort,
        listenOnAnyHostAddress: !IPAddress.IsLoopback(settings.SiloAddress));
    silo.UseCloudMembership(settings);
});
// The connection string is known before the database runs; clustering connects once the silo starts, after migration.
builder.Services.AddOptions<AdoNetClusteringSiloOptions>()
    .Configure<CloudDatabase>((o, db) => o.ConnectionString = db.ConnectionString);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseUtf8Bodies((http, detail) => CloudProblems.Of(415, "unsupported-media-type", "The body must be JSON", detail).ExecuteAsync(http));
// Before authentication: a client that failed too often is served only with credentials good by what is in memory.
app.UseCloudFailedAuthenticationLimit();
app.UseAuthentication();
app.UseAuthorization();
app.MapCloudHealth();
// Every route that takes a store id has it checked before its handler runs; a database fault is a 503 try-again.
var routes = app.MapGroup("").ChecksStoreIds().AnswersDatabaseFaults();
routes.MapStoresApi();
routes.MapReportsApi();
routes.MapMenusApi();
routes.MapGroupsApi();
routes.MapChainMenusApi();
app.Run();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
