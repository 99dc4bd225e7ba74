using Orleans.Configuration;
using Orleans.Serialization;
using Pos.Appliance.Database;
using Pos.Appliance.Hosting;

namespace Pos.Appliance.Silo;

/// <summary>The appliance's single Orleans silo: localhost clustering, ADO.NET grain storage on the store's PostgreSQL.</summary>
public static class SiloSetup
{
    public const string MenuStorage = "menu";

    public static IHostApplicationBuilder AddPosSilo(this IHostApplicationBuilder builder, PosSettings settings)
    {
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: "pos-appliance", clusterId: "store");
            silo.AddAdoNetGrainStorage(MenuStorage, o => o.Invariant = "Npgsql");
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(30));
            // The menu's grain storage is JSON that names the runtime type of a list held as an interface: the items'
            // modifier groups and their options, kept as arrays (MenuGrain), are allowed to be read back.
            silo.Services.AddSerializer(serializer => serializer.Configure(o =>
            {
                o.AddAllowedType(typeof(Pos.Contracts.Menu.ModifierGroup[]));
                o.AddAllowedType(typeof(Pos.Contracts.Menu.ModifierOption[]));
            }));
        });
        // The connection string is known before the database runs; Orleans connects only once the silo starts,
        // after DatabaseStartup has started and migrated it.
        builder.Services.AddOptions<AdoNetGrainStorageOptions>(MenuStorage)
            .Configure<PosDatabase>((o, db) => o.ConnectionString = db.ConnectionString);
        return builder;
    }
}
