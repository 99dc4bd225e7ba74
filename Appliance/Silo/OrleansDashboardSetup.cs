using Orleans.Dashboard;
using Pos.Api.Auth;
using Pos.Appliance.Sync;

namespace Pos.Appliance.Silo;

/// <summary>
/// The Orleans dashboard (Microsoft.Orleans.Dashboard) at <see cref="Path"/>, for the admin only (the admin token as a
/// bearer token, or as the password of the browser's sign-in prompt, like /hangfire), and only when POS_ORLEANS_DASHBOARD
/// is on: it samples every grain call, which a busy store need not pay for. Its live log page is left out (the console
/// and journald have the logs).
/// </summary>
public static class OrleansDashboardSetup
{
    public const string Path = "/orleans-dashboard";
    public const string Setting = "POS_ORLEANS_DASHBOARD";

    public static bool IsOn(IConfiguration config) => config[Setting]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "0" or "false" or "off" => false,
        "1" or "true" or "on" => true,
        var other => throw new FormatException($"{Setting} must be 1 or 0 (true or false), not '{other}'."),
    };

    public static IHostApplicationBuilder AddPosOrleansDashboard(this IHostApplicationBuilder builder)
    {
        if (IsOn(builder.Configuration))
        {
            builder.UseOrleans(silo => silo.AddDashboard(o => o.HideTrace = true));
            // A browser signs in with the admin token as password here, as on /hangfire.
            builder.Services.PostConfigure<DeviceAuthenticationOptions>(DeviceAuthenticationHandler.SchemeName,
                o => o.BasicAuthenticationPaths = [.. o.BasicAuthenticationPaths, Path]);
        }
        return builder;
    }

    /// <summary>After the API's authentication: anyone but the admin gets 401 with a sign-in prompt.</summary>
    public static WebApplication MapPosOrleansDashboard(this WebApplication app)
    {
        if (!IsOn(app.Configuration))
        {
            return app;
        }
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path), branch => branch.Use(next => http =>
        {
            if (AdminDashboardFilter.IsAdmin(http))
            {
                return next(http);
            }
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Store appliance: any user name, the admin token as password\"";
            return Task.CompletedTask;
        }));
        app.MapOrleansDashboard(Path);
        return app;
    }
}
