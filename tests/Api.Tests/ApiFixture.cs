using Pos.Tests.Shared;

namespace Pos.Api.Tests;

/// <summary>One appliance for the API contract tests.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public ApplianceFactory Appliance { get; private set; } = null!;

    public async Task InitializeAsync() => Appliance = await ApplianceFactory.StartAsync();

    public async Task DisposeAsync() => await Appliance.DisposeAsync();

    public HttpClient Anonymous() => new() { BaseAddress = Appliance.BaseAddress };
}
