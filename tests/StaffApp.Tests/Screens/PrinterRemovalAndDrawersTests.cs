using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pos.Contracts.Printers;
using Pos.StaffApp.Device;
using Pos.StaffApp.Manager;
using Pos.StaffApp.Pairing;

namespace Pos.StaffApp.Tests.Screens;

/// <summary>
/// The manager screen's printers and drawers: a printer removed after asking (its key sent once per tap), its 409s said
/// in words (whose backup it is; its tickets, with "remove anyway"), and the cash drawers listed and configured.
/// </summary>
public sealed class PrinterRemovalAndDrawersTests : BunitContext
{
    private readonly FakeAppliance _appliance = new();

    public PrinterRemovalAndDrawersTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(_appliance.Client());
        Services.AddSingleton(new DeviceSession(JSInterop.JSRuntime, new DeviceToken(JSInterop.JSRuntime), new Uri("http://appliance.test/"),
            TimeProvider.System, NullLogger<DeviceSession>.Instance));
        _appliance.On("GET api/v1/printers", HttpStatusCode.OK, JsonSerializer.Serialize(
            new PrinterList([Printer("pass", "Pass", "kitchen", null), Printer("bar", "Bar", "kitchen", "pass"), Printer("receipt", "Receipt", "receipt", null)], []),
            ManagerJson.Wire.PrinterList));
    }

    private static PrinterResponse Printer(string id, string name, string station, string? backup) =>
        new(id, name, "127.0.0.1", 9100, station, backup, 42, default, default, 30, default, 0, null, null, null, null);

    private IRenderedComponent<PrintersSection> Printers() =>
        Render<PrintersSection>(p => p.Add(x => x.Api, new ManagerApi(_appliance.Client())));

    private static void Click(IRenderedComponent<PrintersSection> section, string label) =>
        section.FindAll("button").Single(b => b.GetAttribute("aria-label") == label || b.TextContent.Trim() == label).Click();

    [Fact]
    public void A_printer_is_removed_once_asked_and_confirmed_with_an_idempotency_key()
    {
        _appliance.On("DELETE api/v1/printers/receipt", HttpStatusCode.NoContent, "");
        var section = Printers();
        section.WaitForAssertion(() => Assert.Equal(3, section.FindAll("li.printer").Count));

        Click(section, "Remove Receipt");
        Assert.DoesNotContain(_appliance.Requests, r => r.Route.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.Contains("Remove Receipt?", section.Find(".printer-removal").TextContent, StringComparison.Ordinal);
        Click(section, "Yes, remove Receipt");

        section.WaitForAssertion(() => Assert.Contains("Receipt was removed.", section.Markup, StringComparison.Ordinal));
        var delete = _appliance.Requests.Single(r => r.Route.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.Equal("DELETE api/v1/printers/receipt", delete.Route);
        Assert.False(string.IsNullOrEmpty(delete.IdempotencyKey));
    }

    [Fact]
    public void A_printer_that_is_a_backup_names_the_printers_it_backs_up()
    {
        _appliance.On("DELETE api/v1/printers/pass", HttpStatusCode.Conflict,
            """{"status":409,"code":"printer-is-backup","detail":"Printer 'pass' is the backup of bar.","backupOf":["bar"]}""");
        var section = Printers();
        section.WaitForAssertion(() => Assert.Equal(3, section.FindAll("li.printer").Count));

        Click(section, "Remove Pass");
        Click(section, "Yes, remove Pass");

        section.WaitForAssertion(() => Assert.Contains("Pass is the backup of Bar", section.Find(".printer-removal [role=alert]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(section.FindAll("button"), b => b.TextContent.Contains("anyway", StringComparison.Ordinal));
    }

    [Fact]
    public void A_printer_holding_tickets_is_removed_anyway_only_when_asked_its_tickets_marked_failed()
    {
        _appliance.On("DELETE api/v1/printers/receipt", HttpStatusCode.Conflict,
            $$"""{"status":409,"code":"printer-has-jobs","detail":"holds tickets","unfinishedJobs":["{{Guid.NewGuid()}}","{{Guid.NewGuid()}}"]}""");
        _appliance.On("DELETE api/v1/printers/receipt?force=true", HttpStatusCode.NoContent, "");
        var section = Printers();
        section.WaitForAssertion(() => Assert.Equal(3, section.FindAll("li.printer").Count));

        Click(section, "Remove Receipt");
        Click(section, "Yes, remove Receipt");
        section.WaitForAssertion(() => Assert.Contains("holds 2 tickets", section.Find(".printer-removal [role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Contains("marked failed", section.Find(".printer-removal [role=alert]").TextContent, StringComparison.Ordinal);
        Click(section, "Remove Receipt anyway");

        section.WaitForAssertion(() => Assert.Contains("tickets are marked failed", section.Markup, StringComparison.Ordinal));
        var deletes = _appliance.Requests.Where(r => r.Route.StartsWith("DELETE", StringComparison.Ordinal)).ToList();
        Assert.Equal(["DELETE api/v1/printers/receipt", "DELETE api/v1/printers/receipt?force=true"], deletes.Select(d => d.Route));
        Assert.NotEqual(deletes[0].IdempotencyKey, deletes[1].IdempotencyKey);
    }

    private const string Drawers = """
        {"drawers":[{"drawerId":"front","name":"Front drawer","printerId":"receipt","pin":0}]}
        """;

    private IRenderedComponent<DrawersSection> DrawerConfig() =>
        Render<DrawersSection>(p => p.Add(x => x.Api, new ManagerApi(_appliance.Client())));

    [Fact]
    public void The_drawers_are_listed_with_their_printer_and_a_new_one_is_put_with_its_printer_and_pin()
    {
        _appliance.On("GET api/v1/drawers", HttpStatusCode.OK, Drawers);
        _appliance.On("PUT api/v1/drawers/*", body => (HttpStatusCode.OK, """{"drawerId":"bar","name":"Bar drawer","printerId":"receipt","pin":1}"""));
        var section = DrawerConfig();
        section.WaitForAssertion(() => Assert.Contains("on Receipt · pin 0", section.Find("li.drawer-config[data-drawer-id='front']").TextContent, StringComparison.Ordinal));

        section.FindAll("button").Single(b => b.TextContent == "Add a drawer").Click();
        section.Find("#drawer-id").Input("bar");
        section.Find("#drawer-name").Input("Bar drawer");
        section.Find("#drawer-printer").Change("receipt");
        section.Find("#drawer-pin").Change("1");
        section.Find("form.drawer-form").Submit();

        section.WaitForAssertion(() => Assert.Contains(_appliance.Requests, r => r.Route == "PUT api/v1/drawers/bar"));
        var put = _appliance.Requests.Single(r => r.Route == "PUT api/v1/drawers/bar");
        var body = JsonDocument.Parse(put.Body).RootElement;
        Assert.Equal("Bar drawer", body.GetProperty("name").GetString());
        Assert.Equal("receipt", body.GetProperty("printerId").GetString());
        Assert.Equal(1, body.GetProperty("pin").GetInt32());
        Assert.False(string.IsNullOrEmpty(put.IdempotencyKey));
        section.WaitForAssertion(() => Assert.Contains("Bar drawer is saved", section.Find("[role=status]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void A_drawer_is_changed_under_its_id_and_one_without_a_printer_is_not_sent()
    {
        _appliance.On("GET api/v1/drawers", HttpStatusCode.OK, Drawers);
        _appliance.On("PUT api/v1/drawers/front", HttpStatusCode.OK, """{"drawerId":"front","name":"Till","printerId":"receipt","pin":0}""");
        var section = DrawerConfig();
        section.WaitForAssertion(() => section.Find("li.drawer-config"));

        section.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Change Front drawer").Click();
        Assert.Empty(section.FindAll("#drawer-id"));
        section.Find("#drawer-printer").Change("");
        section.Find("form.drawer-form").Submit();
        Assert.Contains("Choose the receipt printer", section.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(_appliance.Requests, r => r.Route.StartsWith("PUT", StringComparison.Ordinal));

        section.Find("#drawer-printer").Change("receipt");
        section.Find("#drawer-name").Input("Till");
        section.Find("form.drawer-form").Submit();
        section.WaitForAssertion(() => Assert.Contains(_appliance.Requests, r => r.Route == "PUT api/v1/drawers/front"));
        Assert.Equal("Till", JsonDocument.Parse(_appliance.Requests.Single(r => r.Route == "PUT api/v1/drawers/front").Body).RootElement.GetProperty("name").GetString());
    }
}
