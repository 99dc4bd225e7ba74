using Pos.Grains.Orders;

namespace Pos.Grains.Tests.Orders;

public sealed class OrderWritersTests
{
    private static OrderWriters Written(params string[] devices)
    {
        var writers = new OrderWriters();
        foreach (var device in devices)
        {
            writers.Add(device);
        }
        return writers;
    }

    [Fact]
    public void NotChanged_WhenTheDeviceWroteTheLatestVersion()
    {
        Assert.False(Written("till-1", "till-2", "till-1").ChangedByOthersSinceLastWriteOf("till-1"));
    }

    [Fact]
    public void Changed_WhenAnotherDeviceWroteAfterTheDevicesLastVersion()
    {
        var writers = Written("till-1", "till-1", "till-2");
        Assert.True(writers.ChangedByOthersSinceLastWriteOf("till-1"));
        Assert.False(writers.ChangedByOthersSinceLastWriteOf("till-2"));
        Assert.Equal(3, writers.Version);
    }

    [Fact]
    public void NotChanged_ForADeviceThatNeverWroteToTheOrder()
    {
        Assert.False(Written("till-1", "till-2").ChangedByOthersSinceLastWriteOf("phone-7"));
    }

    [Fact]
    public void DeviceIds_AreComparedExactly()
    {
        Assert.True(Written("till-1", "TILL-1").ChangedByOthersSinceLastWriteOf("till-1"));
    }
}
