using System.Net;
using System.Text;
using Pos.Client.Http;
using Pos.Client.Live;
using Pos.Client.Storage;

namespace Pos.Client.Tests.Live;

/// <summary>
/// An 86 reaches the local copy even when the first menu read after its entry is still the answer from before it (the
/// appliance answers the menu from memory, filled just after the commit the entry comes from).
/// </summary>
public sealed class LiveMenuTests
{
    private const string Entry =
        "id: 41\nevent: ItemAvailabilitySet\ndata: {\"seq\":41,\"eventId\":\"8d3f1c1e-7a51-4c86-b0a4-4f0f1c9e2a01\",\"streamId\":\"availability\"," +
        "\"streamVersion\":2,\"type\":\"ItemAvailabilitySet\",\"occurredAt\":\"2026-11-25T19:00:00+00:00\",\"deviceId\":\"admin\"," +
        "\"businessDate\":null,\"data\":{},\"issuedAt\":null}\n\n";

    [Fact]
    public async Task A_menu_answer_older_than_the_availability_entry_is_read_again_until_it_shows_the_entry()
    {
        var menus = new Queue<string>([Menu(1, "available"), Menu(1, "available"), Menu(2, "sold-out")]);
        var streams = 0;
        var handler = new Routes(request => request.RequestUri!.AbsolutePath switch
        {
            "/api/v1/events" when streams++ == 0 => Text("retry: 1\nid: 40\n\n" + Entry, "text/event-stream"),
            "/api/v1/events" => new HttpResponseMessage(HttpStatusCode.Unauthorized),
            "/api/v1/menu" => Text(menus.Count > 1 ? menus.Dequeue() : menus.Peek(), "application/json"),
            var path => throw new InvalidOperationException($"unexpected {path}"),
        });
        var local = new LocalCopy(new MemoryClientStore());
        var api = new ApplianceApi(new HttpClient(handler) { BaseAddress = new Uri("http://appliance.test/") });
        await using var live = new LiveUpdates(api, local, new EventStreamReaderOptions { ReconnectDelay = TimeSpan.FromMilliseconds(1) });

        await live.StartAsync();
        await live.Running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, local.Menu!.AvailabilityVersion);
        Assert.Equal("sold-out", Assert.Single(local.Menu.Availability).Status);
        Assert.Equal(1, live.Applied);
    }

    private static string Menu(int availabilityVersion, string soup) =>
        "{\"version\":3,\"currency\":\"USD\",\"items\":[{\"id\":\"soup\",\"name\":\"Soup\",\"priceMinor\":650,\"taxRateBp\":800," +
        "\"station\":\"kitchen\",\"categoryId\":null,\"modifierGroups\":[]}],\"updatedAt\":\"2026-11-25T19:00:00+00:00\",\"categories\":[]," +
        $"\"availability\":[{{\"menuItemId\":\"soup\",\"status\":\"{soup}\",\"remaining\":null}}],\"availabilityVersion\":{availabilityVersion}}}";

    private static HttpResponseMessage Text(string text, string mediaType) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(text, Encoding.UTF8, mediaType),
    };

    private sealed class Routes(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
