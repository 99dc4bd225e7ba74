using Pos.Cloud.Database;
using Pos.Hosting.Systemd;

namespace Pos.Cloud.Hosting;

/// <summary>
/// A silo as the Type=notify service of deploy/systemd/pos-cloud.service: alive while its database (local or on another
/// machine) answers a query within the watchdog's deadline.
/// </summary>
public static class CloudSystemd
{
    public static IServiceCollection AddCloudSystemd(this IServiceCollection services) =>
        services.AddPosSystemd(sp =>
        {
            var database = sp.GetRequiredService<CloudDatabase>();
            return async cancellationToken =>
            {
                await using var command = database.DataSource.CreateCommand("select 1");
                await command.ExecuteScalarAsync(cancellationToken);
            };
        });
}
