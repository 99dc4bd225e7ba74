using Pos.Tests.Shared;

namespace Pos.Appliance.Tests;

/// <summary>One appliance with the test menu, for a test class whose tests may share it.</summary>
public sealed class ApplianceFixture : IAsyncLifetime
{
    public ApplianceFactory Appliance { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Appliance = await ApplianceFactory.StartAsync();
        Client = Appliance.NewClient();
        await Client.PutMenuAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Appliance.DisposeAsync();
    }

    public async Task<long> HeadSeqAsync() =>
        (await Client.GetJsonAsync("/api/v1/journal?after=0&limit=1")).GetProperty("headSeq").GetInt64();
}
