using System.Net;
using Orleans.Configuration;
using Pos.Appliance.Hosting;
using Pos.Cloud.Database;
using Pos.Cloud.Hosting;
using Pos.Cloud.Menus;
using Pos.Cloud.Reports;
using Pos.Cloud.Stores;
using Pos.Grains.Journal;

// A cloud silo: an Orleans silo clustered through its PostgreSQL (ADO.NET clustering, the project's own schema)
// that also serves the HQ API and takes the stores' journal batches. Start 1 to N of them on one database.
var builder = WebApplication.CreateBuilder(args);
CloudSettings settings;
try
{
    settings = CloudSettings.From(builder.Configuration);
}
catch (TokenRefusedException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
builder.WebHost.UseUrls(builder.Configuration["POS_CLOUD_URLS"] is { Length: > 0 } urls ? urls : "http://127.0.0.1:5090");

builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<CloudDatabase>();
builder.Services.AddSingleton<StoreRegistry>();
builder.Services.AddSingleton<StoreJournal>();
builder.Services.AddSingleton<CloudDailyReports>();
builder.Services.AddSingleton<StoreMenus>();
builder.Services.AddHostedService<CloudDatabaseStartup>();
builder.Services.ConfigureHttpJsonOptions(o => EventJson.Configure(o.SerializerOptions));
builder.Services.AddProblemDetails();
builder.UseOrleans(silo =>
{
    silo.UseAdoNetClustering(o => o.Invariant = "Npgsql");
    silo.Configure<ClusterOptions>(o =>
    {
        o.ClusterId = settings.ClusterId;
        o.ServiceId = "pos-cloud";
    });
    silo.ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
    silo.UseCloudMembership(settings);
});
// The connection string is known before the database runs; clustering connects once the silo starts, after migration.
builder.Services.AddOptions<AdoNetClusteringSiloOptions>()
    .Configure<CloudDatabase>((o, db) => o.ConnectionString = db.ConnectionString);

var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
app.MapStoresApi();
app.MapReportsApi();
app.MapMenusApi();
app.Run();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
