using Pos.Api;
using Pos.Api.Auth;
using Pos.Api.Devices;
using Pos.Api.Health;
using Pos.Api.Staff;
using Pos.Appliance.Backups;
using Pos.Appliance.Database;
using Pos.Appliance.Devices;
using Pos.Appliance.Hosting;
using Pos.Appliance.Journal;
using Pos.Appliance.Maintenance;
using Pos.Appliance.Menu;
using Pos.Appliance.Printing;
using Pos.Appliance.Silo;
using Pos.Appliance.Staff;
using Pos.Appliance.StaffApp;
using Pos.Appliance.Sync;
using Pos.Appliance.Telemetry;
using Pos.Appliance.Tls;
using Pos.Grains.Clock;
using Pos.Grains.Devices;
using Pos.Grains.Journal;
using Pos.Grains.Menu;
using Pos.Hosting.Secrets;

if (BackupCommand.IsAsked(args))
{
    // A maintenance command beside the appliance (README: "Backup and restore"), not the appliance.
    return await BackupCommand.MainAsync(args);
}
if (RebuildCommand.IsAsked(args))
{
    // A maintenance command on the appliance's database (README: "Rebuild"), not the appliance.
    return await RebuildCommand.MainAsync(args);
}
var builder = WebApplication.CreateBuilder(args);
var settings = PosSettings.From(builder.Configuration);
AdminToken adminToken;
try
{
    adminToken = AdminToken.Resolve(settings);
}
catch (TokenRefusedException e)
{
    // Said plainly and ended with a status systemd shows, rather than a stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
var urls = builder.Configuration["POS_URLS"] is { Length: > 0 } posUrls ? posUrls
    : builder.Configuration["ASPNETCORE_URLS"] ?? builder.Configuration["urls"] ?? "http://127.0.0.1:5080";
builder.WebHost.UseUrls(urls);
builder.AddPosTls(settings, urls);
settings.Transport.Apply(builder);

builder.AddPosConsoleLogging();
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => new StoreClock(sp.GetRequiredService<TimeProvider>(), settings.Clock));
builder.Services.AddSingleton<MenuCatalog>();
builder.Services.AddSingleton<AvailabilityCatalog>();
builder.Services.AddSingleton<DeviceNames>();
builder.Services.AddPosPrinting();
builder.Services.AddSingleton<PosDatabase>();
builder.Services.AddSingleton(sp => sp.GetRequiredService<PosDatabase>().DataSource);
builder.Services.AddSingleton<JournalWriter>();
builder.Services.AddSingleton<IJournal, PostgresJournal>();
// Each reader of the journal depends on the part it uses; one store behind them all.
builder.Services.AddSingleton<IJournalStreams>(sp => sp.GetRequiredService<IJournal>());
builder.Services.AddSingleton<IJournalFeed>(sp => sp.GetRequiredService<IJournal>());
builder.Services.AddSingleton<IJournalLookups>(sp => sp.GetRequiredService<IJournal>());
builder.Services.AddSingleton<IKeptAnswerStore>(sp => sp.GetRequiredService<IJournal>());
builder.Services.AddSingleton<AnswerRetention>();
builder.Services.AddSingleton<PostgresDeviceDirectory>();
builder.Services.AddSingleton<IDeviceDirectory>(sp => sp.GetRequiredService<PostgresDeviceDirectory>());
builder.Services.AddSingleton<DeviceBook>();
builder.Services.AddSingleton<IDeviceRegistry>(sp => sp.GetRequiredService<DeviceBook>());
builder.Services.AddSingleton<IDevicePairing>(sp => sp.GetRequiredService<DeviceBook>());
builder.Services.AddPosDatabaseOutages(settings);
builder.Services.AddHostedService<DatabaseStartup>();
// People: employees, PINs, staff sessions (after the database, before the web server).
builder.Services.AddSingleton<StaffBook>();
builder.Services.AddSingleton<IStaffBook>(sp => sp.GetRequiredService<StaffBook>());
builder.Services.AddHostedService<StaffStartup>();
builder.Services.AddSingleton<StaffSessionPurge>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<StaffSessionPurge>());
builder.AddPosSilo(settings);
builder.AddPosOrleansDashboard();
builder.Services.AddHostedService<PrintingStartup>();
builder.Services.AddSingleton<SampleMenuStartup>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<SampleMenuStartup>());
builder.Services.AddHostedService(sp => sp.GetRequiredService<AnswerRetention>());
builder.Services.AddPosSync(settings);
// Nightly local backups (pg_dump into the data folder, rotated), after the database's start-up.
builder.Services.AddPosBackups(builder.Configuration, settings);
builder.Services.AddPosApi(o => o.AdminToken = adminToken.Token);
if (!adminToken.FromVariable)
{
    // A token the appliance generated and keeps can be rotated through the API (POST /api/v1/admin-token/rotate).
    builder.Services.AddSingleton<IAdminTokenKeeper>(new KeptAdminTokenFile(adminToken.KeptIn));
}
builder.Services.AddPosHealthChecks();
// Under systemd: READY=1 once serving, STOPPING=1, and watchdog pings while the database answers (deploy/systemd).
builder.Services.AddApplianceSystemd();
builder.Services.AddPosTelemetry("pos-appliance");

var app = builder.Build();
app.UsePosApi();
app.UsePosSyncDashboard(settings);
app.MapPosOrleansDashboard();
app.MapPosApi();
app.WakeEventStreamsOnCommit();
app.MapPosStoreCa();
app.MapPosStaffApp(settings);
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, settings, adminToken));
app.Run();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
