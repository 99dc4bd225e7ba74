using Pos.Contracts.Menu;

namespace Pos.Grains.Tests.Menu;

/// <summary>The 86 folded from its events: sold out, counted down and given back, lifted.</summary>
public sealed class AvailabilityStateTests
{
    private static readonly Guid Order = Guid.NewGuid();

    [Fact]
    public void A_count_goes_down_with_each_line_up_with_each_pending_void_and_a_new_setting_replaces_it()
    {
        var state = AvailabilityState.From(
        [
            new ItemAvailabilitySet("pie", false, 3),
            new ItemCountTaken("pie", Order, Guid.NewGuid(), 2),
            new ItemCountTaken("pie", Order, Guid.NewGuid(), 1),
        ]);
        Assert.Equal((false, 0), state.Of("pie"));
        Assert.Equal([new ItemAvailabilityView("pie", "sold-out", 0)], state.Views());
        state.Apply(new ItemCountReturned("pie", Order, Guid.NewGuid(), 1));
        Assert.Equal([new ItemAvailabilityView("pie", "available", 1)], state.Views());
        state.Apply(new ItemAvailabilitySet("pie", true, null));
        Assert.Equal([new ItemAvailabilityView("pie", "sold-out", null)], state.Views());
        state.Apply(new ItemAvailabilitySet("pie", false, null));
        Assert.Empty(state.Views());
        // A line given back after the count was lifted changes nothing: there is no count to give it to.
        state.Apply(new ItemCountReturned("pie", Order, Guid.NewGuid(), 1));
        Assert.Empty(state.Views());
        Assert.Equal(7, state.Version);
        Assert.Equal((false, (int?)null), state.Of("soup"));
    }
}
