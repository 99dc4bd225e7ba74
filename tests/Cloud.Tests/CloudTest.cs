namespace Pos.Cloud.Tests;

/// <summary>A test class with a cloud silo of its own for each test and an HQ client for it.</summary>
public abstract class CloudTest : IAsyncLifetime
{
    protected CloudFactory Cloud { get; private set; } = null!;
    protected HttpClient Hq { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cloud = await CloudFactory.StartAsync();
        Hq = Cloud.NewClient();
    }

    public async Task DisposeAsync()
    {
        Hq.Dispose();
        await Cloud.DisposeAsync();
    }
}
