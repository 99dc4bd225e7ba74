using Pos.Api.Events;

namespace Pos.Api.Tests.Events;

/// <summary>Where a stream starts, which kinds it carries, and how many may be open: the rules, without a socket.</summary>
public sealed class EventStreamRulesTests
{
    [Theory]
    [InlineData(null, null, null)]
    [InlineData(5L, null, 5L)]
    [InlineData(5L, "9", 9L)] // Last-Event-ID wins: an EventSource sends it on reconnect with the URL it first opened
    [InlineData(null, " 12 ", 12L)]
    [InlineData(0L, null, 0L)]
    public void The_start_is_Last_Event_ID_else_after_else_the_head(long? after, string? lastEventId, long? expected)
    {
        var (start, field, _) = EventStreamStart.Parse(after, lastEventId, null);
        Assert.Null(field);
        Assert.Equal(expected, start!.After);
        Assert.Null(start.Kinds);
    }

    [Theory]
    [InlineData(-1L, null, null, "after")]
    [InlineData(null, "-3", null, "Last-Event-ID")]
    [InlineData(null, "x", null, "Last-Event-ID")]
    [InlineData(null, null, "", "streams")]
    [InlineData(null, null, "order,tables", "streams")]
    [InlineData(null, null, "printjob", "streams")]
    public void A_bad_value_names_its_field(long? after, string? lastEventId, string? streams, string field) =>
        Assert.Equal(field, EventStreamStart.Parse(after, lastEventId, streams).Field);

    [Theory]
    [InlineData("order", "order-8f1b0f6e-7c65-4b64-9d4c-2f1f0d6b1a11", true)]
    [InlineData("order", "printjob-8f1b0f6e-7c65-4b64-9d4c-2f1f0d6b1a11", false)]
    [InlineData("printing", "printjob-8f1b0f6e-7c65-4b64-9d4c-2f1f0d6b1a11", true)]
    [InlineData("printing", "printers", true)]
    [InlineData("menu", "menu", true)]
    [InlineData("menu", "order-8f1b0f6e-7c65-4b64-9d4c-2f1f0d6b1a11", false)]
    [InlineData("business-day", "business-days", true)]
    [InlineData("order, menu", "menu", true)]
    public void A_kind_covers_the_streams_of_its_feature(string streams, string streamId, bool covered)
    {
        var kinds = EventStreamStart.Parse(null, null, streams).Start!.Kinds;
        Assert.Equal(covered, StreamKinds.Covers(kinds, streamId));
    }

    [Fact]
    public void Slots_are_counted_per_device_and_in_all_and_given_back_once()
    {
        var slots = new EventStreamSlots(new EventStreamOptions { MaxPerDevice = 2, MaxTotal = 3 });
        var a1 = slots.TryTake("a");
        var a2 = slots.TryTake("a");
        Assert.NotNull(a1);
        Assert.NotNull(a2);
        Assert.Null(slots.TryTake("a"));
        var b1 = slots.TryTake("b");
        Assert.NotNull(b1);
        Assert.Null(slots.TryTake("c")); // three open in all
        a1!.Dispose();
        a1.Dispose(); // twice gives back one
        Assert.Equal(2, slots.Open);
        Assert.NotNull(slots.TryTake("c"));
        Assert.Null(slots.TryTake("a"));
    }
}
