using Pos.Contracts.Menu;
using Pos.Contracts.Orders;
using Pos.Contracts.Printing;
using Pos.Contracts.Problems;
using Pos.Grains.Menu;
using Pos.Grains.Orders;
using Pos.Grains.Printing;
using Pos.Grains.Printing.Tickets;
using Pos.Grains.Tests.Printing;

namespace Pos.Grains.Tests.Orders;

/// <summary>
/// A line's options checked and priced against its item's modifier groups, the 86 refusing a line, seats, courses and
/// held lines, the fire of one course, and the kitchen ticket that shows them.
/// </summary>
public sealed class LineOptionDecisionsTests
{
    private static readonly MenuItem Steak = new("steak", "Steak", 2500, 1000, "kitchen")
    {
        ModifierGroups =
        [
            new ModifierGroup("temp", "Temperature", 1, 1, [new("rare", "Rare", 0), new("medium", "Medium", 0)]),
            new ModifierGroup("sides", "Sides", 0, 2, [new("fries", "Fries", 300), new("salad", "Salad", 250), new("mash", "Mash", 0)]),
        ],
    };

    private static AddLine Line(Guid lineId, params (string Group, string Option)[] options) =>
        new(lineId, "steak", 2, null, null, [.. options.Select(o => new OptionChoice(o.Group, o.Option))], Seat: 2, Course: 2);

    [Fact]
    public void Options_are_priced_into_the_unit_price_and_recorded_with_their_names_and_prices_and_the_line_is_taxed_whole()
    {
        var state = AnOrder.State(AnOrder.Opened());
        var decision = OrderDecisions.AddLine(state, Line(AnOrder.Id(1), ("temp", "medium"), ("sides", "fries"), ("sides", "salad")), Steak);

        var added = Assert.IsType<LineAdded>(Assert.Single(decision.Events));
        Assert.Equal(3050, added.UnitPriceMinor);
        Assert.Equal([new ChosenOption("temp", "Temperature", "medium", "Medium", 0), new ChosenOption("sides", "Sides", "fries", "Fries", 300),
            new ChosenOption("sides", "Sides", "salad", "Salad", 250)], added.Options);
        Assert.Equal((2, 2, false, false), (added.Seat!.Value, added.Course!.Value, added.Held, added.Counted));
        state.Apply(added);
        Assert.Equal(6100, state.SubtotalMinor);
        Assert.Equal(610, state.TaxMinor);
    }

    [Theory]
    [InlineData("options", new string[0])]
    [InlineData("options[0].groupId", new[] { "sauce", "pepper" })]
    [InlineData("options[0].optionId", new[] { "temp", "blue" })]
    [InlineData("options[1]", new[] { "temp", "rare", "temp", "medium" })]
    [InlineData("options[1]", new[] { "temp", "rare", "temp", "rare" })]
    [InlineData("options[3]", new[] { "temp", "rare", "sides", "fries", "sides", "salad", "sides", "mash" })]
    public void A_wrong_choice_is_refused_naming_the_field(string field, string[] pairs)
    {
        var options = pairs.Chunk(2).Select(p => (p[0], p[1])).ToArray();
        DecisionAssert.Refused(OrderDecisions.AddLine(AnOrder.State(AnOrder.Opened()), Line(AnOrder.Id(1), options), Steak), ErrorCodes.ValidationFailed, field);
    }

    [Fact]
    public void A_retry_is_a_duplicate_only_with_the_same_options_seat_course_and_hold()
    {
        var line = Line(AnOrder.Id(1), ("temp", "rare"));
        var state = AnOrder.State(AnOrder.Opened());
        foreach (var e in OrderDecisions.AddLine(state, line, Steak).Events)
        {
            state.Apply(e);
        }
        DecisionAssert.Duplicate(OrderDecisions.AddLine(state, line, Steak));
        DecisionAssert.Conflict(OrderDecisions.AddLine(state, Line(AnOrder.Id(1), ("temp", "medium")), Steak), ErrorCodes.LineExists, "lineId");
        DecisionAssert.Conflict(OrderDecisions.AddLine(state, line with { Seat = 3 }, Steak), ErrorCodes.LineExists, "lineId");
    }

    [Fact]
    public void A_sold_out_or_short_item_is_refused_and_a_counted_one_is_marked_so()
    {
        var state = AnOrder.State(AnOrder.Opened());
        var line = Line(AnOrder.Id(1), ("temp", "rare"));
        DecisionAssert.Conflict(OrderDecisions.AddLine(state, line, Steak, new ItemAvailability("steak", true, null)), ErrorCodes.ItemSoldOut, "menuItemId");
        DecisionAssert.Conflict(OrderDecisions.AddLine(state, line, Steak, new ItemAvailability("steak", false, 0)), ErrorCodes.ItemSoldOut, "menuItemId");
        DecisionAssert.Conflict(OrderDecisions.AddLine(state, line, Steak, new ItemAvailability("steak", false, 1)), ErrorCodes.NotEnoughLeft, "quantity");
        Assert.True(((LineAdded)OrderDecisions.AddLine(state, line, Steak, new ItemAvailability("steak", false, 2)).Events[0]).Counted);
        Assert.False(((LineAdded)OrderDecisions.AddLine(state, line, Steak, new ItemAvailability("steak", false, null)).Events[0]).Counted);
    }

    [Fact]
    public void A_plain_fire_leaves_held_lines_and_a_course_fire_takes_that_course_held_or_not()
    {
        LineAdded Coursed(int n, int? course, bool held = false) => AnOrder.Line(AnOrder.Id(n)) with { Course = course, Held = held };
        var state = AnOrder.State(AnOrder.Opened(), Coursed(1, 1), Coursed(2, 2, held: true), Coursed(3, null), Coursed(4, 2));

        var plain = Assert.IsType<OrderFired>(Assert.Single(OrderDecisions.Fire(state, AnOrder.Later).Events));
        Assert.Equal([AnOrder.Id(1), AnOrder.Id(3), AnOrder.Id(4)], plain.LineIds);
        var mains = Assert.IsType<OrderFired>(Assert.Single(OrderDecisions.Fire(state, AnOrder.Later, 2).Events));
        Assert.Equal([AnOrder.Id(2), AnOrder.Id(4)], mains.LineIds);
        Assert.Equal(2, mains.Course);
        state.Apply(mains);
        DecisionAssert.Nothing(OrderDecisions.Fire(state, AnOrder.Later, 2));
        Assert.Equal(LineStatus.Fired, state.FindLine(AnOrder.Id(2))!.Status);
    }

    [Fact]
    public void Shape_rules_bound_seat_course_hold_and_option_ids()
    {
        var line = new AddLine(AnOrder.Id(1), "steak", 1, null, null);
        Assert.Equal("seat", OrderCommandRules.Check(line with { Seat = 0 })?.Field);
        Assert.Equal("seat", OrderCommandRules.Check(line with { Seat = OrderFieldLimits.MaxSeat + 1 })?.Field);
        Assert.Equal("course", OrderCommandRules.Check(line with { Course = 10 })?.Field);
        Assert.Equal("hold", OrderCommandRules.Check(line with { Hold = true })?.Field);
        Assert.Equal("options[0].optionId", OrderCommandRules.Check(line with { Options = [new OptionChoice("temp", "ra\u0000re")] })?.Field);
        Assert.Null(OrderCommandRules.Check(line with { Seat = 4, Course = 3, Hold = true, Options = [new OptionChoice("temp", "rare")] }));
        Assert.Equal("course", OrderCommandRules.Check(new FireOrder(0))?.Field);
    }

    [Fact]
    public void Old_lines_without_options_fold_as_before()
    {
        var json = """{"lineId":"00000000-0000-7000-8000-000000000001","menuItemId":"burger","name":"Burger","quantity":2,"unitPriceMinor":1000,"taxRateBp":825,"station":"kitchen","note":null,"modifiers":[]}""";
        var state = AnOrder.State(AnOrder.Opened(), OrderEvents.FromJournal(nameof(LineAdded), json));
        var line = Assert.Single(state.Lines);
        Assert.Empty(line.Added.Options);
        Assert.False(line.Added.Held);
        Assert.Equal(2000, state.SubtotalMinor);
    }

    [Fact]
    public void The_kitchen_ticket_shows_each_lines_course_seat_and_options()
    {
        var state = AnOrder.State(AnOrder.Opened());
        foreach (var e in OrderDecisions.AddLine(state, Line(AnOrder.Id(1), ("temp", "rare"), ("sides", "mash")), Steak).Events
            .Concat(OrderDecisions.AddLine(state, new AddLine(AnOrder.Id(2), "steak", 1, null, ["no salt"], [new("temp", "medium")], Course: 1), Steak).Events))
        {
            state.Apply(e);
        }
        var fire = OrderDecisions.Fire(state, AnOrder.Later).Events;
        var printers = new PrinterSet(1, [new PrinterConfig("grill", "Grill", "127.0.0.1", 9100, "kitchen", null, 42, EscPosCodePage.Pc858, PrintConfirmation.Tcp, 60)]);
        var job = Assert.Single(PrintRouting.JobsFor(state, fire, printers, "till", AnOrder.Later));

        var text = PrintedPaper.Lines(TicketRenderer.Render(job.Ticket!)).Select(l => l.Text.Trim()).ToList();
        var course1 = text.FindIndex(t => t.Contains("COURSE 1", StringComparison.Ordinal));
        var course2 = text.FindIndex(t => t.Contains("COURSE 2", StringComparison.Ordinal));
        Assert.True(course1 >= 0 && course2 > course1, string.Join("\n", text));
        Assert.Equal(["1 x Steak", "> Medium", "+ no salt"], text.Skip(course1 + 1).Take(3));
        Assert.Equal(["2 x Steak", "SEAT 2", "> Rare", "> Mash"], text.Skip(course2 + 1).Take(4));
    }
}
