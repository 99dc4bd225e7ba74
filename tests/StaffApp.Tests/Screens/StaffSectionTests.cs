using System.Net;
using System.Text.Json;
using Bunit;
using Pos.StaffApp.Manager;

namespace Pos.StaffApp.Tests.Screens;

/// <summary>Staff management on the manager screen: the list, adding a person, a PIN someone has, deactivating.</summary>
public sealed class StaffSectionTests : BunitContext
{
    private const string People = """
        {"employees":[{"employeeId":"ana","name":"Ana","role":"server","active":true,"updatedAt":"2026-11-25T09:00:00+00:00","clockedInAt":"2026-11-25T17:00:00+00:00"},
                      {"employeeId":"max","name":"Max","role":"kitchen","active":false,"updatedAt":"2026-11-20T09:00:00+00:00"}]}
        """;

    private readonly FakeAppliance _appliance = new FakeAppliance().On("GET api/v1/employees", HttpStatusCode.OK, People);

    private IRenderedComponent<StaffSection> Section() =>
        Render<StaffSection>(p => p.Add(x => x.Api, new ManagerApi(_appliance.Client())));

    [Fact]
    public void The_staff_are_listed_active_first_with_their_role_and_shift()
    {
        var section = Section();

        section.WaitForAssertion(() => Assert.Equal(2, section.FindAll("li.employee").Count));
        var ana = section.Find("li.employee[data-employee-id='ana']");
        Assert.Contains("Server", ana.TextContent, StringComparison.Ordinal);
        Assert.Contains("Clocked in since", ana.TextContent, StringComparison.Ordinal);
        Assert.Contains("Deactivated", section.Find("li.employee[data-employee-id='max']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_person_is_saved_with_a_pin_typed_as_dots_that_no_browser_keeps()
    {
        var section = Section();
        section.WaitForAssertion(() => section.FindAll("button").Single(b => b.TextContent == "Add a person"));
        section.FindAll("button").Single(b => b.TextContent == "Add a person").Click();

        var pin = section.Find("input.pin-field");
        Assert.Equal("text", pin.GetAttribute("type"));
        Assert.Equal("off", pin.GetAttribute("autocomplete"));
        Assert.Equal("numeric", pin.GetAttribute("inputmode"));

        var saved = false;
        section.FindAll("input")[0].Input("Zoë Park");
        section.Find("select").Change("bartender");
        pin.Input("4821");
        _appliance.On("PUT api/v1/employees/*", _ => { saved = true; return (HttpStatusCode.OK, """{"employeeId":"x","name":"Zoë Park","role":"bartender","active":true,"updatedAt":"2026-11-25T09:00:00+00:00"}"""); });
        section.Find("form").Submit();

        section.WaitForAssertion(() => Assert.True(saved));
        var put = _appliance.Requests.Single(r => r.Route.StartsWith("PUT api/v1/employees/zopark-", StringComparison.Ordinal));
        var body = JsonDocument.Parse(put.Body).RootElement;
        Assert.Equal("Zoë Park", body.GetProperty("name").GetString());
        Assert.Equal("bartender", body.GetProperty("role").GetString());
        Assert.Equal("4821", body.GetProperty("pin").GetString());
        Assert.NotNull(put.IdempotencyKey);
        section.WaitForAssertion(() => Assert.Contains("Zoë Park is saved.", section.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void A_pin_someone_else_has_is_said_and_the_form_stays()
    {
        var section = Section();
        section.WaitForAssertion(() => section.Find("button[aria-label='Change Ana']"));
        section.Find("button[aria-label='Change Ana']").Click();
        section.Find("input.pin-field").Input("1111");
        _appliance.On("PUT api/v1/employees/ana", HttpStatusCode.Conflict,
            """{"status":409,"code":"pin-taken","detail":"Another active employee has that PIN; choose another."}""");
        section.Find("form").Submit();

        section.WaitForAssertion(() => Assert.Equal("Another active employee has that PIN; choose another.", section.Find("form [role=alert]").TextContent));
        var body = JsonDocument.Parse(_appliance.Requests.Single(r => r.Route == "PUT api/v1/employees/ana").Body).RootElement;
        Assert.Equal("server", body.GetProperty("role").GetString());
    }

    [Fact]
    public void A_pin_that_is_not_four_to_eight_digits_is_not_sent()
    {
        var section = Section();
        section.WaitForAssertion(() => section.Find("button[aria-label='Change Ana']"));
        section.Find("button[aria-label='Change Ana']").Click();
        section.Find("input.pin-field").Input("12a");
        section.Find("form").Submit();

        Assert.Contains("A PIN is 4 to 8 digits", section.Find("form [role=alert]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(_appliance.Requests, r => r.Route.StartsWith("PUT", StringComparison.Ordinal));
    }

    [Fact]
    public void Deactivating_asks_first_then_deletes()
    {
        _appliance.On("DELETE api/v1/employees/ana", HttpStatusCode.NoContent, "");
        var section = Section();
        section.WaitForAssertion(() => section.Find("button[aria-label='Deactivate Ana']"));
        section.Find("button[aria-label='Deactivate Ana']").Click();
        Assert.Contains("signed out everywhere", section.Find("[role=alertdialog]").TextContent, StringComparison.Ordinal);
        section.FindAll("button").Single(b => b.TextContent == "Deactivate Ana").Click();

        section.WaitForAssertion(() => Assert.Contains("Ana is deactivated.", section.Markup, StringComparison.Ordinal));
        Assert.NotNull(_appliance.Requests.Single(r => r.Route == "DELETE api/v1/employees/ana").IdempotencyKey);
    }
}
