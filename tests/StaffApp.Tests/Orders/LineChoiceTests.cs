using Pos.Contracts.Menu;
using Pos.StaffApp.Orders;

namespace Pos.StaffApp.Tests.Orders;

/// <summary>The sheet's choice of options, seat and course: required groups, one-of groups, prices, the 86.</summary>
public sealed class LineChoiceTests
{
    private static readonly MenuItem Steak = new("steak", "Steak", 2500, 1000, "kitchen")
    {
        ModifierGroups =
        [
            new ModifierGroup("temp", "Temperature", 1, 1, [new("rare", "Rare", 0), new("medium", "Medium", 0)]),
            new ModifierGroup("sides", "Sides", 0, 2, [new("fries", "Fries", 300), new("salad", "Salad", 250), new("mash", "Mash", 0)]),
        ],
    };

    [Fact]
    public void A_required_group_must_be_chosen_a_group_of_one_replaces_and_a_group_stops_at_its_max()
    {
        var choice = new LineChoice(Steak);
        Assert.True(LineChoice.NeedsChoice(Steak));
        Assert.Equal("temp", choice.Missing?.Id);
        choice.Toggle("temp", "rare");
        choice.Toggle("temp", "medium");
        Assert.False(choice.IsChosen("temp", "rare"));
        Assert.Null(choice.Missing);
        choice.Toggle("sides", "fries");
        choice.Toggle("sides", "salad");
        choice.Toggle("sides", "mash");
        Assert.False(choice.IsChosen("sides", "mash"));
        Assert.Equal(3050, choice.UnitPriceMinor);

        choice.Seat = 2;
        choice.Course = 3;
        choice.Hold = true;
        var request = choice.ToRequest(2, null, []);
        Assert.Equal([("temp", "medium"), ("sides", "fries"), ("sides", "salad")], request.Options!.Select(o => (o.GroupId!, o.OptionId!)));
        Assert.Equal((2, 3, true), (request.Seat, request.Course, request.Hold));
        Assert.Null(request.Modifiers);
    }

    [Fact]
    public void Sold_out_items_are_read_from_the_menus_availability()
    {
        var menu = new MenuView(1, "USD", [Steak], DateTimeOffset.UnixEpoch)
        {
            Availability = [new ItemAvailabilityView("steak", ItemAvailabilityStatus.SoldOut, 0)],
        };
        Assert.True(LineChoice.IsSoldOut(menu, "steak"));
        Assert.False(LineChoice.IsSoldOut(menu, "soup"));
    }
}
