using Bunit;
using Pos.StaffApp.Shell;

namespace Pos.StaffApp.Tests.Banner;

/// <summary>The banner's words for each state, rendered by bUnit.</summary>
public sealed class TruthBannerTests : BunitContext
{
    [Fact]
    public void With_nothing_waiting_it_says_all_saved()
    {
        var banner = Render<TruthBanner>();

        Assert.Equal("All saved", banner.Find(".banner").TextContent);
        Assert.Equal("saved", banner.Find(".banner").GetAttribute("data-state"));
    }

    [Theory]
    [InlineData(1, "1 change waiting for the appliance")]
    [InlineData(3, "3 changes waiting for the appliance")]
    public void Changes_kept_on_the_phone_are_counted_even_when_the_internet_is_down_too(int waiting, string text)
    {
        var banner = Render<TruthBanner>(p => p
            .Add(b => b.ChangesWaiting, waiting)
            .Add(b => b.ApplianceReachable, false)
            .Add(b => b.InternetDown, true));

        Assert.Equal(text, banner.Find(".banner").TextContent);
        Assert.Equal("waiting", banner.Find(".banner").GetAttribute("data-state"));
    }

    [Fact]
    public void An_appliance_out_of_reach_is_said_when_nothing_waits_on_the_phone()
    {
        var banner = Render<TruthBanner>(p => p.Add(b => b.ApplianceReachable, false));

        Assert.Equal("Cannot reach the appliance: nothing from this phone is waiting", banner.Find(".banner").TextContent);
        Assert.Equal("unreachable", banner.Find(".banner").GetAttribute("data-state"));
    }

    [Theory]
    [InlineData(1, "Internet down: the store is fully working, 1 event waiting for the cloud")]
    [InlineData(42, "Internet down: the store is fully working, 42 events waiting for the cloud")]
    public void Internet_down_says_the_store_works_and_counts_the_events_for_the_cloud(long events, string text)
    {
        var banner = Render<TruthBanner>(p => p.Add(b => b.InternetDown, true).Add(b => b.EventsWaitingForCloud, events));

        Assert.Equal(text, banner.Find(".banner").TextContent);
        Assert.Equal("internet-down", banner.Find(".banner").GetAttribute("data-state"));
    }

    [Fact]
    public void A_phone_without_a_token_is_told_it_saves_nothing_whatever_the_network_does()
    {
        var banner = Render<TruthBanner>(p => p.Add(b => b.Paired, false).Add(b => b.ApplianceReachable, false).Add(b => b.InternetDown, true));

        Assert.Equal("Not paired: this phone cannot save anything yet", banner.Find(".banner").TextContent);
        Assert.Equal("not-paired", banner.Find(".banner").GetAttribute("data-state"));
    }

    [Fact]
    public void The_banner_is_a_polite_live_region_so_screen_readers_hear_it_change()
    {
        var banner = Render<TruthBanner>();

        Assert.Equal("status", banner.Find(".banner").GetAttribute("role"));
        Assert.Equal("polite", banner.Find(".banner").GetAttribute("aria-live"));
    }
}
