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
    public void At_its_limit_a_device_s_new_stream_takes_the_slot_of_its_oldest_which_ends_and_the_total_stays_a_refusal()
    {
        var slots = new EventStreamSlots(new EventStreamOptions { MaxPerDevice = 2, MaxTotal = 4 });
        var a1 = slots.TryTake("a")!;
        var a2 = slots.TryTake("a")!;
        var a3 = slots.TryTake("a"); // a's sockets may be dead: the newest is served, the oldest ends
        Assert.NotNull(a3);
        Assert.True(a1.Ended.IsCancellationRequested);
        Assert.False(a2.Ended.IsCancellationRequested);
        Assert.Equal(2, slots.Open);
        a1.Dispose(); // the ended stream gives back nothing: its slot is a3's now
        Assert.Equal(2, slots.Open);
        var a4 = slots.TryTake("a")!;
        Assert.True(a2.Ended.IsCancellationRequested); // oldest first
        Assert.False(a3.Ended.IsCancellationRequested);

        var b1 = slots.TryTake("b")!;
        var b2 = slots.TryTake("b")!;
        Assert.Null(slots.TryTake("c")); // four open in all: another device is refused
        Assert.NotNull(slots.TryTake("b")); // a device at its own limit replaces, the total unchanged
        Assert.True(b1.Ended.IsCancellationRequested);
        Assert.Equal(4, slots.Open);

        a3.Dispose();
        a3.Dispose(); // twice gives back one
        Assert.Equal(3, slots.Open);
        Assert.NotNull(slots.TryTake("c"));
        Assert.False(a4.Ended.IsCancellationRequested);
        Assert.False(b2.Ended.IsCancellationRequested);
    }
}
