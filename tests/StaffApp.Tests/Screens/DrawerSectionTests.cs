using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pos.StaffApp.Cash;
using Pos.StaffApp.Device;
using Pos.StaffApp.Pairing;

namespace Pos.StaffApp.Tests.Screens;

/// <summary>The drawers on the shift screen: free ones open with a float, one in use says by whom, none served says so.</summary>
public sealed class DrawerSectionTests : BunitContext
{
    private readonly FakeAppliance _appliance = new();

    public DrawerSectionTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(_appliance.Client());
        Services.AddSingleton(new DeviceSession(JSInterop.JSRuntime, new DeviceToken(JSInterop.JSRuntime), new Uri("http://appliance.test/"),
            TimeProvider.System, NullLogger<DeviceSession>.Instance));
    }

    private const string Drawers = $$"""
        {"drawers":[{"drawerId":"front","name":"Front drawer","printerId":"receipt","pin":0},
                    {"drawerId":"bar","name":"Bar drawer","printerId":"receipt","pin":1,"openSession":{{CashScreensTests.OpenSession}}}]}
        """;

    [Fact]
    public void A_free_drawer_opens_with_the_float_typed_and_one_in_use_names_who_has_it()
    {
        _appliance.On("GET api/v1/drawers", HttpStatusCode.OK, Drawers);
        _appliance.On("POST api/v1/drawers/front/sessions", HttpStatusCode.Created, CashScreensTests.OpenSession);
        var section = Render<DrawerSection>();

        section.WaitForAssertion(() => Assert.Equal(2, section.FindAll("li.drawer-item").Count));
        Assert.Contains("In use by Ana", section.Find("li.drawer-item[data-drawer-id='bar']").TextContent, StringComparison.Ordinal);
        section.Find("#float-front").Input("150");
        section.Find("li.drawer-item[data-drawer-id='front'] form").Submit();

        section.WaitForAssertion(() => Assert.Contains(_appliance.Requests, r => r.Route == "POST api/v1/drawers/front/sessions"));
        var open = _appliance.Requests.Single(r => r.Route == "POST api/v1/drawers/front/sessions");
        var body = JsonDocument.Parse(open.Body).RootElement;
        Assert.Equal(15000, body.GetProperty("floatMinor").GetInt64());
        Assert.True(Guid.TryParse(body.GetProperty("sessionId").GetString(), out _));
        Assert.NotNull(open.IdempotencyKey);
    }

    [Fact]
    public void A_float_that_is_no_amount_is_not_sent()
    {
        _appliance.On("GET api/v1/drawers", HttpStatusCode.OK, Drawers);
        var section = Render<DrawerSection>();
        section.WaitForAssertion(() => section.Find("#float-front"));
        section.Find("#float-front").Input("lots");
        section.Find("li.drawer-item[data-drawer-id='front'] form").Submit();

        Assert.Contains("Type the float", section.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(_appliance.Requests, r => r.Route.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public void An_appliance_without_the_cash_routes_is_said_plainly()
    {
        var section = Render<DrawerSection>();

        section.WaitForAssertion(() => Assert.Equal("This appliance keeps no cash drawers yet.", section.Find(".drawer .quiet").TextContent));
    }
}
