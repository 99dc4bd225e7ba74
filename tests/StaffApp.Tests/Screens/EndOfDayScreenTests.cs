using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Pos.StaffApp.Manager;

namespace Pos.StaffApp.Tests.Screens;

/// <summary>The manager's end of the day: the tabs a date left open, carried over or closed with a reason (docs/CONFLICTS.md, rows E).</summary>
public sealed class EndOfDayScreenTests : BunitContext
{
    private const string Tab = "5b0e6c1e-0000-4000-8000-000000000007";
    private readonly FakeAppliance _appliance = new();

    public EndOfDayScreenTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(TimeProvider.System);
    }

    private static string OpenTabs(bool any) => $$"""
        {"businessDate":"2026-11-25","over":true,"orders":[{{(any ? OrderJson : "")}}]}
        """;

    private const string OrderJson = $$"""
        {"orderId":"{{Tab}}","number":17,"channel":"dine-in","table":"12","guests":2,"status":"open","version":3,"businessDate":"2026-11-25",
         "openedAt":"2026-11-25T18:00:00-05:00","closedAt":null,"currency":"USD","lines":[],"subtotalMinor":475,"taxMinor":39,"totalMinor":514,
         "paidMinor":0,"tipMinor":0,"balanceMinor":514,"changeDueMinor":0,"payments":[]}
        """;

    private IRenderedComponent<EndOfDaySection> Section() => Render<EndOfDaySection>(p => p
        .Add(x => x.Api, new ManagerApi(_appliance.Client()))
        .Add(x => x.Date, new DateOnly(2026, 11, 25)));

    [Fact]
    public void The_open_tabs_of_a_date_that_is_over_are_listed_with_what_they_owe()
    {
        _appliance.On("GET api/v1/business-days/2026-11-25/open-orders", HttpStatusCode.OK, OpenTabs(true));

        var section = Section();

        section.WaitForAssertion(() => Assert.Contains("#17 · table 12 · owes USD 5.14", section.Find(".end-of-day-tab").TextContent, StringComparison.Ordinal));
        Assert.Single(section.FindAll("button.carry-over"));
    }

    [Fact]
    public void Carrying_a_tab_over_sends_one_keyed_command_and_reads_the_list_again()
    {
        var listed = 0;
        _appliance.On("GET api/v1/business-days/2026-11-25/open-orders", _ => (HttpStatusCode.OK, OpenTabs(listed++ == 0)));
        _appliance.On($"POST api/v1/orders/{Tab}/carry-over", HttpStatusCode.OK, $$"""{"orders":[{{OrderJson}}]}""");
        var section = Section();
        section.WaitForElement("button.carry-over");

        section.Find("button.carry-over").Click();

        section.WaitForAssertion(() => Assert.Contains("nothing holds up its close", section.Find(".end-of-day-clear").TextContent, StringComparison.Ordinal));
        var carry = Assert.Single(_appliance.Requests, r => r.Route.EndsWith("/carry-over", StringComparison.Ordinal));
        Assert.NotNull(carry.IdempotencyKey);
    }

    [Fact]
    public void Closing_with_a_reason_needs_the_reason_and_sends_it()
    {
        _appliance.On("GET api/v1/business-days/2026-11-25/open-orders", HttpStatusCode.OK, OpenTabs(true));
        _appliance.On($"POST api/v1/orders/{Tab}/close-with-reason", HttpStatusCode.OK, OrderJson);
        var section = Section();
        section.WaitForElement("button.close-with-reason");

        section.Find("button.close-with-reason").Click();
        Assert.Contains("needs its reason", section.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        section.Find("input.close-reason").Change("walked out");
        section.Find("button.close-with-reason").Click();

        section.WaitForAssertion(() =>
        {
            var close = Assert.Single(_appliance.Requests, r => r.Route.EndsWith("/close-with-reason", StringComparison.Ordinal));
            Assert.Equal("walked out", JsonDocument.Parse(close.Body).RootElement.GetProperty("reason").GetString());
        });
    }
}
