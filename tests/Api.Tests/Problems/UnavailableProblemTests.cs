using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Pos.Api.Problems;
using Pos.Grains.Journal;

namespace Pos.Api.Tests.Problems;

/// <summary>What the API answers when the store cannot answer now: 503 journal-unavailable with Retry-After, never 500.</summary>
public sealed class UnavailableProblemTests
{
    private sealed class SaysOutage : IOutageDetector
    {
        public bool IsOutage(Exception exception) => exception is IOException { Message: "database socket gone" };
    }

    public static TheoryData<Exception> Unavailable => new()
    {
        new JournalUnavailableException("The store's database is not answering"),
        // Orleans wraps what a failed activation threw; a task may aggregate it.
        new InvalidOperationException("Error activating grain", new JournalUnavailableException("The store's database is not answering")),
        new AggregateException(new InvalidOperationException("outer"), new InvalidOperationException("inner", new JournalUnavailableException("gone"))),
        // An Orleans call that got no answer in time.
        new TimeoutException("Response did not arrive on time in 00:00:30"),
        // A library's own database error, recognised by the host.
        new InvalidOperationException("storage read failed", new IOException("database socket gone")),
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public async Task The_store_not_answering_is_503_journal_unavailable_with_Retry_After(Exception exception)
    {
        var http = NewContext();

        Assert.True(await new RequestProblemHandler([new SaysOutage()]).TryHandleAsync(http, exception, CancellationToken.None));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("2", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("journal-unavailable", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_bug_is_left_to_be_a_500()
    {
        var http = NewContext();

        Assert.False(await new RequestProblemHandler([new SaysOutage()]).TryHandleAsync(
            http, new InvalidOperationException("a bug", new IOException("something else")), CancellationToken.None));

        Assert.False(http.Response.Headers.ContainsKey("Retry-After"));
    }

    private static DefaultHttpContext NewContext() => new()
    {
        RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        Response = { Body = new MemoryStream() },
    };
}
