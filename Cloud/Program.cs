// The cloud silo host. Ingest, HQ API and clustering arrive with the cloud issue; for now it answers health.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["POS_CLOUD_URLS"] is { Length: > 0 } urls ? urls : "http://127.0.0.1:5090");
var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
app.Run();
