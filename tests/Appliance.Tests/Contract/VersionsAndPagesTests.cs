using System.Net;
using System.Net.Http.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Contract;

/// <summary>
/// What the contract promises beyond orders: the menu and the printers answer their version as an ETag and honour
/// If-Match like order commands; the journal's cursor never passes its head; lists that grow page by cursor.
/// </summary>
public sealed class VersionsAndPagesTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private static HttpRequestMessage Put(string path, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task The_menu_answers_its_version_as_ETag_and_a_stale_If_Match_changes_nothing()
    {
        using var read = await _client.GetAsync("/api/v1/menu");
        var version = (await read.JsonAsync()).GetProperty("version").GetInt32();
        Assert.Equal($"\"{version}\"", read.Headers.ETag?.ToString());

        using var stale = await _client.SendAsync(Put("/api/v1/menu", PosClient.Menu(), $"\"{version - 1}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.JsonAsync();
        Assert.Equal("version-mismatch", problem.GetProperty("code").GetString());
        Assert.Equal(version, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(version, (await _client.GetJsonAsync("/api/v1/menu")).GetProperty("version").GetInt32());

        using var current = await _client.SendAsync(Put("/api/v1/menu", PosClient.Menu(), read.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal($"\"{version + 1}\"", current.Headers.ETag?.ToString());

        using var unreadable = await _client.SendAsync(Put("/api/v1/menu", PosClient.Menu(), "five"));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
    }

    [Fact]
    public async Task A_printer_answers_the_printers_version_as_ETag_and_a_stale_If_Match_changes_nothing()
    {
        var body = new { name = "Pass", host = "127.0.0.1", port = 9, station = "pass", confirm = "tcp" };
        using var added = await _client.PutAsJsonAsync("/api/v1/printers/pass", body);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("pc858", (await added.JsonAsync()).GetProperty("codePage").GetString());
        using var read = await _client.GetAsync("/api/v1/printers/pass");
        Assert.Equal(added.Headers.ETag, read.Headers.ETag);
        var version = int.Parse(read.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

        using var stale = await _client.SendAsync(Put("/api/v1/printers/pass", body with { name = "Pass 2" }, $"\"{version - 1}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(version, (await stale.JsonAsync()).GetProperty("currentVersion").GetInt32());
        Assert.Equal("Pass", (await _client.GetJsonAsync("/api/v1/printers/pass")).GetProperty("name").GetString());

        using var current = await _client.SendAsync(Put("/api/v1/printers/pass", body with { name = "Pass 2" }, read.Headers.ETag.ToString()));
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal($"\"{version + 1}\"", current.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task The_journal_cursor_never_passes_the_head()
    {
        var head = await fixture.HeadSeqAsync();
        var beyond = await _client.GetJsonAsync($"/api/v1/journal?after={head + 1_000_000}");
        Assert.Equal(0, beyond.GetProperty("events").GetArrayLength());
        Assert.Equal(beyond.GetProperty("headSeq").GetInt64(), beyond.GetProperty("lastSeq").GetInt64());
        Assert.False(beyond.GetProperty("hasMore").GetBoolean());

        var first = await _client.GetJsonAsync("/api/v1/journal?after=0&limit=1");
        Assert.Equal(1, first.GetProperty("lastSeq").GetInt64());
        Assert.Equal(first.GetProperty("headSeq").GetInt64() > 1, first.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task Orders_page_by_cursor_newest_first_without_overlap()
    {
        var table = $"p{Guid.NewGuid():N}"[..8];
        var opened = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var orderId = Guid.NewGuid();
            (await _client.OpenAsync(orderId, table: table)).EnsureSuccessStatusCode();
            opened.Add(orderId);
        }

        var page = await _client.GetJsonAsync("/api/v1/orders?limit=2");
        Assert.True(page.GetProperty("hasMore").GetBoolean());
        var firstIds = page.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()).ToList();
        Assert.Equal(opened.Skip(1).Order(), firstIds.Order());
        var cursor = page.GetProperty("nextCursor").GetString()!;

        var next = await _client.GetJsonAsync($"/api/v1/orders?limit=2&cursor={Uri.EscapeDataString(cursor)}");
        var nextIds = next.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()).ToList();
        Assert.Contains(opened[0], nextIds);
        Assert.Empty(nextIds.Intersect(firstIds));

        using var forged = await _client.GetAsync("/api/v1/orders?cursor=not-a-cursor");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("cursor", (await forged.JsonAsync()).GetProperty("errors").EnumerateObject().Single().Name);
    }

    [Fact]
    public async Task Devices_page_by_cursor()
    {
        var prefix = $"pg{Guid.NewGuid():N}"[..10];
        foreach (var n in new[] { 1, 2, 3 })
        {
            await _client.RegisterDeviceAsync($"{prefix}-{n}");
        }
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await _client.GetJsonAsync("/api/v1/devices?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            seen.AddRange(page.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("deviceId").GetString()!));
            Assert.True(page.GetProperty("devices").GetArrayLength() <= 2);
            cursor = page.GetProperty("hasMore").GetBoolean() ? page.GetProperty("nextCursor").GetString() : null;
        }
        while (cursor is not null);
        Assert.Equal([$"{prefix}-1", $"{prefix}-2", $"{prefix}-3"], seen.Where(d => d.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }
}
