using Pos.Api.Health;
using Pos.Api.Problems;
using Pos.Appliance.Hosting;
using Pos.Grains.Journal;

namespace Pos.Appliance.Database;

/// <summary>
/// What keeps the appliance answering through a database outage: the signal that the journal is back, the API's
/// recognition of database errors that libraries let through, and (on the embedded cluster, no POS_DB) the
/// supervisor that restarts the cluster when it dies.
/// </summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddPosDatabaseOutages(this IServiceCollection services, PosSettings settings)
    {
        services.AddSingleton<JournalAvailability>();
        services.AddSingleton<IOutageDetector, DatabaseOutageDetector>();
        if (settings.Database is null)
        {
            services.AddSingleton(sp => new EmbeddedClusterSupervisor(
                sp.GetRequiredService<PosDatabase>().Embedded!, sp.GetRequiredService<JournalAvailability>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<EmbeddedClusterSupervisor>>()));
            services.AddSingleton<IReadinessCheck>(sp => sp.GetRequiredService<EmbeddedClusterSupervisor>());
        }
        return services;
    }
}

/// <summary>Database errors from code that does not translate them (Orleans grain storage, the Hangfire dashboard) are outages too.</summary>
public sealed class DatabaseOutageDetector : IOutageDetector
{
    public bool IsOutage(Exception exception) => DatabaseOutage.IsOutage(exception);
}
