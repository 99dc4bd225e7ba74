using Bunit;
using Microsoft.AspNetCore.Components;
using Pos.StaffApp.Staff;

namespace Pos.StaffApp.Tests.Screens;

/// <summary>The PIN pad: digits never shown, no field a browser could fill in or save, four digits at least.</summary>
public sealed class PinPadTests : BunitContext
{
    private readonly List<string> _pins = [];

    private IRenderedComponent<PinPad> Pad() => Render<PinPad>(p => p
        .Add(x => x.Label, "Enter your PIN")
        .Add(x => x.OnPin, EventCallback.Factory.Create<string>(this, pin => _pins.Add(pin))));

    private static void Tap(IRenderedComponent<PinPad> pad, string keys)
    {
        foreach (var key in keys)
        {
            pad.FindAll("button.pin-key").Single(b => b.TextContent == key.ToString()).Click();
        }
    }

    [Fact]
    public void The_digits_are_never_shown_only_a_dot_for_each()
    {
        var pad = Pad();
        Tap(pad, "2468");

        Assert.Equal("●●●●", pad.Find(".pin-dots [aria-hidden]").TextContent);
        Assert.Equal("4 digits entered", pad.Find(".pin-dots .visually-hidden").TextContent);
        Assert.DoesNotContain("2468", pad.Markup, StringComparison.Ordinal);
        // Nothing a browser could autofill or offer to save.
        Assert.Empty(pad.FindAll("input"));
    }

    [Fact]
    public void Ok_waits_for_four_digits_then_gives_the_pin_and_clears_the_pad()
    {
        var pad = Pad();
        Tap(pad, "123");
        Assert.True(pad.Find(".pin-ok").HasAttribute("disabled"));

        Tap(pad, "4");
        pad.Find(".pin-ok").Click();

        Assert.Equal(["1234"], _pins);
        Assert.Equal("0", pad.Find(".pin-dots").GetAttribute("data-count"));
    }

    [Fact]
    public void Digits_and_backspace_typed_on_a_keyboard_work_and_a_pin_stops_at_eight_digits()
    {
        var pad = Pad();
        foreach (var key in "1234567890")
        {
            pad.Find(".pin-pad").KeyDown(key.ToString());
        }
        pad.Find(".pin-pad").KeyDown("Backspace");
        pad.Find(".pin-ok").Click();

        Assert.Equal(["1234567"], _pins);
    }

    [Fact]
    public void Each_key_is_a_large_touch_target_named_for_screen_readers()
    {
        var pad = Pad();

        Assert.Equal(12, pad.FindAll("button.pin-key").Count);
        Assert.Equal("Delete the last digit", pad.Find(".pin-back").GetAttribute("aria-label"));
        Assert.Equal("group", pad.Find(".pin-pad").GetAttribute("role"));
    }
}
