using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Api.Tests;

/// <summary>One appliance for the API contract tests.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public ApplianceFactory Appliance { get; private set; } = null!;

    public async Task InitializeAsync() => Appliance = await ApplianceFactory.StartAsync();

    public async Task DisposeAsync() => await Appliance.DisposeAsync();

    public HttpClient Anonymous() => new() { BaseAddress = Appliance.BaseAddress };

    private Task<JsonElement>? _openApi;

    /// <summary>
    /// The OpenAPI document, fetched once for all the tests that read it (Swashbuckle builds it anew on each request,
    /// a second or more in a Debug build under a loaded test run).
    /// </summary>
    public Task<JsonElement> OpenApiDocumentAsync()
    {
        return LazyInitializer.EnsureInitialized(ref _openApi, async () =>
        {
            using var client = Anonymous();
            return await client.GetJsonAsync("/swagger/v1/swagger.json");
        });
    }
}
