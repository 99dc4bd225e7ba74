using Pos.Client.Live;

namespace Pos.Client.Tests.Live;

/// <summary>The text/event-stream format as the appliance writes it and as the format allows it to be written.</summary>
public sealed class ServerSentEventParserTests
{
    private static List<ServerSentEvent> Feed(ServerSentEventParser parser, string text)
    {
        var events = new List<ServerSentEvent>();
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            if (parser.Line(line) is { } e)
            {
                events.Add(e);
            }
        }
        return events;
    }

    [Fact]
    public void The_opening_gives_the_retry_and_the_starting_id_but_no_event()
    {
        var parser = new ServerSentEventParser();
        Assert.Empty(Feed(parser, "retry: 2000\nid: 41\n\n"));
        Assert.Equal(TimeSpan.FromSeconds(2), parser.Retry);
        Assert.Equal("41", parser.LastEventId);
    }

    [Fact]
    public void An_event_has_its_type_its_data_and_its_id()
    {
        var parser = new ServerSentEventParser();
        var events = Feed(parser, "id: 42\nevent: LineAdded\ndata: {\"seq\":42}\n\n");
        var e = Assert.Single(events);
        Assert.Equal(("LineAdded", "{\"seq\":42}", "42"), (e.Type, e.Data, e.LastEventId));
    }

    [Fact]
    public void Comments_are_ignored_and_a_keep_alive_gives_nothing()
    {
        var parser = new ServerSentEventParser();
        Assert.Empty(Feed(parser, ": keep-alive\n\n"));
        var e = Assert.Single(Feed(parser, "data: a\n: between\ndata: b\n\n"));
        Assert.Equal("a\nb", e.Data);
    }

    [Fact]
    public void Without_a_type_an_event_is_a_message_and_only_one_space_after_the_colon_is_dropped()
    {
        var parser = new ServerSentEventParser();
        var e = Assert.Single(Feed(parser, "data:  two spaces\n\n"));
        Assert.Equal(("message", " two spaces"), (e.Type, e.Data));
        Assert.Equal("x", Assert.Single(Feed(parser, "data:x\n\n")).Data);
    }

    [Fact]
    public void A_field_without_a_colon_has_an_empty_value()
    {
        var parser = new ServerSentEventParser();
        Assert.Equal("", Assert.Single(Feed(parser, "data\n\n")).Data);
    }

    [Fact]
    public void Line_feeds_carriage_returns_or_both_end_lines()
    {
        var parser = new ServerSentEventParser();
        var events = Feed(parser, "id: 1\r\ndata: a\r\n\r\nid: 2\rdata: b\r\rid: 3\ndata: c\n\n");
        Assert.Equal(["a", "b", "c"], events.Select(e => e.Data));
        Assert.Equal("3", parser.LastEventId);
    }

    [Fact]
    public void The_id_stays_from_event_to_event_and_an_id_with_a_null_is_ignored()
    {
        var parser = new ServerSentEventParser();
        Feed(parser, "id: 7\ndata: a\n\n");
        Assert.Equal("7", Assert.Single(Feed(parser, "data: b\n\n")).LastEventId);
        Feed(parser, "id: 8\0\ndata: c\n\n");
        Assert.Equal("7", parser.LastEventId);
    }

    [Fact]
    public void A_retry_that_is_not_all_digits_is_ignored()
    {
        var parser = new ServerSentEventParser();
        Feed(parser, "retry: 500\n\nretry: 5s\n\nretry: -1\n\n");
        Assert.Equal(TimeSpan.FromMilliseconds(500), parser.Retry);
    }

    [Fact]
    public void Unknown_fields_are_ignored_and_a_message_cut_short_is_forgotten_on_reset()
    {
        var parser = new ServerSentEventParser();
        Assert.Empty(Feed(parser, "colour: blue\ndata: half"));
        parser.Reset();
        var e = Assert.Single(Feed(parser, "event: MenuReplaced\ndata: whole\n\n"));
        Assert.Equal(("MenuReplaced", "whole"), (e.Type, e.Data));
    }

    [Fact]
    public void An_empty_event_name_falls_back_to_message_and_a_blank_line_alone_gives_nothing()
    {
        var parser = new ServerSentEventParser();
        Assert.Empty(Feed(parser, "\n\n\n"));
        Assert.Equal("message", Assert.Single(Feed(parser, "event:\ndata: x\n\n")).Type);
    }

    [Fact]
    public void An_id_counts_only_once_its_message_is_complete()
    {
        var parser = new ServerSentEventParser();
        parser.Line("id: 7");
        parser.Line("data: {}");
        parser.Line("");
        parser.Line("id: 8");
        parser.Line("data: {\"seq\":8}");

        // The connection drops here, before the blank line: event 8 never arrived.
        Assert.Equal("7", parser.LastEventId);
        parser.Reset();
        Assert.Equal("7", parser.LastEventId);
    }
}
