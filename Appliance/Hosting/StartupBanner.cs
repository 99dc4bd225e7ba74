using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Pos.Appliance.Database;

namespace Pos.Appliance.Hosting;

/// <summary>
/// Tells the person at the console where everything is: where the admin token is kept, never the token itself,
/// since the console ends up in journald and log files.
/// </summary>
public static class StartupBanner
{
    public static void Print(WebApplication app, PosSettings settings, AdminToken adminToken)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault() ?? "(no address)";
        var db = app.Services.GetRequiredService<PosDatabase>();
        Console.WriteLine($"""

            Store appliance is up.
              Staff app:    {(StaffApp.StaffAppHosting.IsPublishedIn(settings.StaffAppDir) ? $"{url}/ (from a phone: bind POS_URLS to the LAN address)" : $"not published in {settings.StaffAppDir} (POS_STAFF_APP)")}
              API:          {url}/api/v1
              Swagger UI:   {url}/swagger
              OpenAPI:      {url}/swagger/v1/swagger.json
              Health:       {url}/health/ready
              Admin token:  {(adminToken.FromVariable ? $"from {AdminToken.Variable}" : $"kept in {adminToken.KeptIn}")} (not shown)
              HTTPS:        {Https(app, addresses)}
              Data folder:  {settings.DataDir}
              PostgreSQL:   {(db.Embedded is { } e ? $"embedded cluster in {e.DataDir}" : "POS_DB")}
              Cloud:        {(settings.Cloud is { } cloud ? $"{cloud.Url} as store '{cloud.StoreId}'; sync jobs at {url}/hangfire, status at {url}/api/v1/sync/status" : "not linked (POS_CLOUD_URL, POS_STORE_ID, POS_STORE_SECRET)")}
            Try:  curl -H "Authorization: Bearer {adminToken.ShellReference}" {url}/api/v1/menu

            """);
    }

    private static string Https(WebApplication app, ICollection<string> addresses)
    {
        if (app.Services.GetService<Tls.ServedCertificate>() is not { } served)
        {
            return "off (add an https:// address to POS_URLS for phones on the LAN; see README)";
        }
        var valid = $"valid until {served.Current.NotAfter.ToUniversalTime():yyyy-MM-dd}";
        if (served.FromOperator)
        {
            return $"the operator's certificate (POS_TLS_CERT), {served.Current.Subject}, {valid}";
        }
        var plain = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault() ?? "";
        return $"the store's own CA (in {served.Dir}), {valid}; phones install {plain}{Tls.TlsHosting.CaRoute} once";
    }
}
