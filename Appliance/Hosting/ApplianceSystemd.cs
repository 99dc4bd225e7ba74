using Pos.Appliance.Database;
using Pos.Hosting.Systemd;

namespace Pos.Appliance.Hosting;

/// <summary>
/// The appliance as the Type=notify service of deploy/systemd/pos-appliance.service: alive while its database answers a
/// query within the watchdog's deadline (the journal is where every command goes; a process that cannot reach it, or
/// whose pool or thread pool is wedged, is restarted by systemd).
/// </summary>
public static class ApplianceSystemd
{
    public static IServiceCollection AddApplianceSystemd(this IServiceCollection services) =>
        services.AddPosSystemd(sp =>
        {
            var database = sp.GetRequiredService<PosDatabase>();
            return async cancellationToken =>
            {
                await using var command = database.DataSource.CreateCommand("select 1");
                await command.ExecuteScalarAsync(cancellationToken);
            };
        });
}
