using System.Net;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Orleans.Placement;
using Pos.Cloud.Hosting;
using Pos.Cloud.Stores;

namespace Pos.Cloud.Tests;

/// <summary>How the cloud's silos share the stores, and how a silo on another machine is reached.</summary>
public sealed class SiloPlacementTests
{
    [Fact]
    public void StoreGrains_are_placed_by_activation_count_so_the_stores_spread_over_the_silos() =>
        Assert.NotNull(typeof(StoreGrain).GetCustomAttribute<ActivationCountBasedPlacementAttribute>());

    [Fact]
    public void SiloAddress_is_the_loopback_unless_POS_CLOUD_SILO_ADDRESS_names_one()
    {
        Assert.Equal(IPAddress.Loopback, Settings([]).SiloAddress);
        Assert.Equal(IPAddress.Parse("10.0.0.12"), Settings(new() { ["POS_CLOUD_SILO_ADDRESS"] = "10.0.0.12" }).SiloAddress);
        var refused = Assert.Throws<InvalidOperationException>(() => Settings(new() { ["POS_CLOUD_SILO_ADDRESS"] = "silo-two" }));
        Assert.Contains("POS_CLOUD_SILO_ADDRESS must be an IP address", refused.Message, StringComparison.Ordinal);
    }

    private static CloudSettings Settings(Dictionary<string, string?> values)
    {
        values["POS_DATA"] = Directory.CreateTempSubdirectory("pos-cloud-settings-").FullName;
        values[CloudSettings.AdminTokenVariable] = "settings-test-token-at-least-32-characters";
        return CloudSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }
}
