using System.Text.Json;
using Pos.Tests.Shared;
using Xunit.Abstractions;

namespace Pos.Api.Tests.Events;

/// <summary>The OpenAPI document declares the event stream as integrators meet it.</summary>
public sealed class EventsDocumentTests(ApiFixture fixture, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_events_route_is_a_text_event_stream_with_its_parameters_and_problems()
    {
        using var client = fixture.Anonymous();
        var doc = await client.GetJsonAsync("/swagger/v1/swagger.json");
        var operation = doc.GetProperty("paths").GetProperty("/api/v1/events").GetProperty("get");
        output.WriteLine(JsonSerializer.Serialize(operation, new JsonSerializerOptions { WriteIndented = true }));

        var responses = operation.GetProperty("responses");
        Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        foreach (var status in new[] { "400", "401", "429", "503" })
        {
            Assert.True(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status);
        }
        Assert.Contains("too-many-event-streams", responses.GetProperty("429").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(responses.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));
        var parameters = operation.GetProperty("parameters").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString(), p.GetProperty("in").GetString())).ToList();
        Assert.Contains(("after", "query"), parameters);
        Assert.Contains(("streams", "query"), parameters);
        Assert.Contains(("Last-Event-ID", "header"), parameters);
        Assert.Contains("id: <seq>", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
