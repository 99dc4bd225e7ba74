using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pos.Hosting.Access;
using Pos.Tests.Shared;
using Pos.Tools;

namespace Pos.Api.Tests.Auth;

/// <summary>Failed authentication is limited per client address; everyone else, and every success, goes on as before.</summary>
public sealed class FailedAuthenticationLimitTests : IAsyncLifetime
{
    private const string Wrong = "not-a-token-of-this-appliance-at-all";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private ApplianceFactory _appliance = null!;

    public async Task InitializeAsync() => _appliance = await ApplianceFactory.StartAsync(services: s =>
        s.AddSingleton(new FailedAuthentications(_time, new FailedAuthenticationLimits())));

    public async Task DisposeAsync() => await _appliance.DisposeAsync();

    [Fact]
    public async Task AfterTwentyFailuresFromOneAddress_AWrongTokenFromItGets429WithRetryAfter_UntilTheCoolDownEnds_WhileOthersAreServed()
    {
        using var attacker = LoopbackAddress.NewClient("127.0.0.2", _appliance.BaseAddress, Wrong);
        for (var i = 0; i < 20; i++)
        {
            using var guess = await attacker.GetAsync("/api/v1/devices");
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        using var limited = await attacker.GetAsync("/api/v1/devices");
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal("too-many-failed-attempts", (await limited.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(60), limited.Headers.RetryAfter?.Delta);
        // What needs no credential is still open to it.
        using var anonymous = LoopbackAddress.NewClient("127.0.0.2", _appliance.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);

        // Other addresses: a good token is served, a wrong one is a plain 401.
        using var till = LoopbackAddress.NewClient("127.0.0.1", _appliance.BaseAddress, ApplianceFactory.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await till.GetAsync("/api/v1/devices")).StatusCode);
        using var typo = LoopbackAddress.NewClient("127.0.0.3", _appliance.BaseAddress, Wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, (await typo.GetAsync("/api/v1/devices")).StatusCode);

        _time.Advance(TimeSpan.FromSeconds(59));
        using var stillLimited = await attacker.GetAsync("/api/v1/devices");
        Assert.Equal((HttpStatusCode)429, stillLimited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), stillLimited.Headers.RetryAfter?.Delta);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.GetAsync("/api/v1/devices")).StatusCode);
    }

    [Fact]
    public async Task TillsBehindTheAddressOfAGuesser_AreServedWithTheirGoodTokens_WhileItsWrongOnesGet429()
    {
        using var admin = _appliance.NewClient();
        var tillToken = await admin.RegisterDeviceAsync("till-nat");
        using var guesser = LoopbackAddress.NewClient("127.0.0.5", _appliance.BaseAddress, Wrong);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/v1/menu")).StatusCode);
        }
        Assert.Equal((HttpStatusCode)429, (await guesser.GetAsync("/api/v1/menu")).StatusCode);

        // The same address (one NAT for the whole restaurant): the admin token and a device's token are served.
        using var sameAddressAdmin = LoopbackAddress.NewClient("127.0.0.5", _appliance.BaseAddress, ApplianceFactory.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await sameAddressAdmin.GetAsync("/api/v1/devices")).StatusCode);
        using var sameAddressTill = LoopbackAddress.NewClient("127.0.0.5", _appliance.BaseAddress, tillToken);
        var orderId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await sameAddressTill.OpenAsync(orderId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sameAddressTill.GetAsync($"/api/v1/orders/{orderId}")).StatusCode);
        // A device registered while the address is limited is known at once (the directory is in memory).
        var lateToken = await sameAddressAdmin.RegisterDeviceAsync("till-late");
        using var lateTill = LoopbackAddress.NewClient("127.0.0.5", _appliance.BaseAddress, lateToken);
        Assert.Equal(HttpStatusCode.OK, (await lateTill.GetAsync($"/api/v1/orders/{orderId}")).StatusCode);
        // The admin token as the dashboard's Basic password is a good credential too; a wrong one is 429.
        using var basic = LoopbackAddress.NewClient("127.0.0.5", _appliance.BaseAddress);
        basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:guess"u8.ToArray()));
        Assert.Equal((HttpStatusCode)429, (await basic.GetAsync("/hangfire")).StatusCode);

        // Served requests do not lift the limit: the guesser is still refused, for the rest of its minute.
        using var refused = await guesser.GetAsync("/api/v1/menu");
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task SuccessesAreNotCounted_AndFailuresSpreadOverMoreThanTenSecondsAreNotLimited()
    {
        using var admin = LoopbackAddress.NewClient("127.0.0.4", _appliance.BaseAddress, ApplianceFactory.AdminToken);
        using var wrong = LoopbackAddress.NewClient("127.0.0.4", _appliance.BaseAddress, Wrong);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 19; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/devices")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/devices")).StatusCode);
            }
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        // A wrong Basic password (the sync dashboard's) counts like a wrong bearer token.
        using var basic = LoopbackAddress.NewClient("127.0.0.4", _appliance.BaseAddress);
        basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:guess"u8.ToArray()));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync("/api/v1/devices")).StatusCode);
        }
        Assert.Equal((HttpStatusCode)429, (await basic.GetAsync("/api/v1/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/devices")).StatusCode);
    }
}
