using System.Net;
using System.Text;
using System.Text.Json;
using Pos.Appliance.Tests.Conflicts;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Sync;

/// <summary>
/// A device's queue with a poisoned command in the middle: the others apply, the poisoned one alone is rejected
/// with its problem, and the same queue sent again gets the same answers and changes nothing. So a device's queue
/// can never get stuck behind one bad command.
/// </summary>
public sealed class PoisonedBatchTests(TwoTillsFixture fixture) : IClassFixture<TwoTillsFixture>
{
    private static string Cmd(string commandId, string type, Guid orderId, string payload) =>
        $$"""{"commandId":"{{commandId}}","type":"{{type}}","orderId":"{{orderId}}","issuedAt":"2026-11-25T17:30:00-05:00","payload":{{payload}}}""";

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string body)
    {
        using var response = await fixture.TillB.PostAsync("/api/v1/sync/commands", new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"lineId":"LINE","menuItemId":"fries","quantity":1,"note":"nul \u0000 here"}""", "note")]
    [InlineData("""{"lineId":"LINE","menuItemId":"fries","quantity":1,"note":"escape \u001b@ here"}""", "note")]
    [InlineData("""{"lineId":"LINE","menuItemId":"fries","quantity":1,"quantity":999}""", "quantity")]
    [InlineData("""{"lineId":"LINE","menuItemId":"fries","quantity":"1"}""", "quantity")]
    [InlineData("""{"lineId":"LINE","menuItemId":"fries","quantity":1,"modifers":["typo"]}""", "modifers")]
    [InlineData("""{"lineId":"LINE","menuItemId":"fries","quantity":9223372036854775807}""", "quantity")]
    public async Task APoisonedCommandInTheMiddle_IsRejectedAlone_AndTheBatchAnswersTheSameWhenSentAgain(string poisoned, string field)
    {
        var orderId = Guid.NewGuid();
        (await fixture.TillB.OpenAsync(orderId)).EnsureSuccessStatusCode();
        var (before, after) = (Guid.NewGuid(), Guid.NewGuid());
        var body = $$"""
            {"deviceId":"till-b","commands":[
              {{Cmd($"p-{Guid.NewGuid()}", "add-line", orderId, $$"""{"lineId":"{{before}}","menuItemId":"burger","quantity":1}""")}},
              {{Cmd($"p-{Guid.NewGuid()}", "add-line", orderId, poisoned.Replace("LINE", Guid.NewGuid().ToString(), StringComparison.Ordinal))}},
              {{Cmd($"p-{Guid.NewGuid()}", "add-line", orderId, $$"""{"lineId":"{{after}}","menuItemId":"ipa","quantity":2}""")}}]}
            """;
        var head = await fixture.HeadSeqAsync();

        var (status, first) = await SendAsync(body);
        var headAfter = await fixture.HeadSeqAsync();
        var (againStatus, again) = await SendAsync(body);

        Assert.True(status == HttpStatusCode.OK, first);
        var results = JsonDocument.Parse(first).RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["applied", "rejected", "applied"], results.Select(r => r.GetProperty("outcome").GetString()));
        var problem = results[1].GetProperty("problem");
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        // The two good lines were written; the poisoned one wrote nothing.
        Assert.Equal(head + 2, headAfter);
        var lines = (await fixture.Admin.GetJsonAsync($"/api/v1/orders/{orderId}")).GetProperty("lines").EnumerateArray()
            .Select(l => l.GetProperty("lineId").GetGuid()).ToList();
        Assert.Equal([before, after], lines);
        // Sent again: the same answers, word for word, and nothing more written.
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Equal(first, again);
        Assert.Equal(headAfter, await fixture.HeadSeqAsync());
    }
}
