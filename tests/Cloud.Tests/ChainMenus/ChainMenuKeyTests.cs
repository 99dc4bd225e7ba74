using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Pos.Cloud.Tests.ChainMenus.HqCalls;

namespace Pos.Cloud.Tests.ChainMenus;

/// <summary>
/// A publish or a rollback sent again with its Idempotency-Key (an HQ admin's retry after a lost answer) gets the first
/// answer and publishes nothing more; the key with another request is refused; a refused publish keeps no key.
/// </summary>
public sealed class ChainMenuKeyTests : CloudTest
{
    [Fact]
    public async Task A_publish_sent_again_with_its_key_answers_as_the_first_and_gives_no_store_another_menu_version()
    {
        await ChainAsync();
        var first = await JsonAsync(await KeyedAsync("/cloud/v1/chain-menu/publish", new { }, "publish-1"), HttpStatusCode.OK);
        var again = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => KeyedAsync("/cloud/v1/chain-menu/publish", new { }, "publish-1")));
        foreach (var answer in again)
        {
            Assert.Equal(first.GetRawText(), (await JsonAsync(answer, HttpStatusCode.OK)).GetRawText());
        }
        Assert.Equal(new[] { 1, 1 }, await MenuVersionsAsync());

        // The same key with another body is another request: refused, nothing published.
        await ProblemAsync(await KeyedAsync("/cloud/v1/chain-menu/publish", new { groupId = "west" }, "publish-1"),
            HttpStatusCode.UnprocessableContent, "idempotency-key-reused");
        // A rollback with its key, twice: one new chain version, each store one more menu version.
        var rolled = await JsonAsync(await KeyedAsync("/cloud/v1/chain-menu/rollback", new { version = 1 }, "rollback-1"), HttpStatusCode.OK);
        var rolledAgain = await JsonAsync(await KeyedAsync("/cloud/v1/chain-menu/rollback", new { version = 1 }, "rollback-1"), HttpStatusCode.OK);
        Assert.Equal(rolled.GetRawText(), rolledAgain.GetRawText());
        Assert.Equal(new[] { 2, 2 }, await MenuVersionsAsync());
        // The publish's key on the rollback route: another request.
        await ProblemAsync(await KeyedAsync("/cloud/v1/chain-menu/rollback", new { version = 1 }, "publish-1"),
            HttpStatusCode.UnprocessableContent, "idempotency-key-reused");
    }

    [Fact]
    public async Task A_refused_publish_keeps_no_key_so_the_mended_request_with_it_publishes_and_a_key_that_is_no_key_is_refused()
    {
        await ChainAsync();
        // Version 7 does not exist: 404, and the key stays free.
        await ProblemAsync(await KeyedAsync("/cloud/v1/chain-menu/publish", new { version = 7 }, "mend-me"), HttpStatusCode.NotFound, "chain-menu-version-not-found");
        await ProblemAsync(await KeyedAsync("/cloud/v1/chain-menu/publish", new { version = 7 }, "mend-me"), HttpStatusCode.NotFound, "chain-menu-version-not-found");
        await JsonAsync(await KeyedAsync("/cloud/v1/chain-menu/publish", new { version = 1 }, "mend-me-2"), HttpStatusCode.OK);
        Assert.Equal(new[] { 1, 1 }, await MenuVersionsAsync());

        await ProblemAsync(await KeyedAsync("/cloud/v1/chain-menu/publish", new { }, new string('k', 256)), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(new[] { 1, 1 }, await MenuVersionsAsync());
    }

    private async Task ChainAsync()
    {
        foreach (var id in new[] { "downtown", "uptown" })
        {
            await TestStore.RegisterAsync(Cloud, Hq, id);
        }
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/west", new { name = "West", stores = new[] { "downtown" } }),
            HttpStatusCode.Created);
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/chain-menu/base", new
        {
            currency = "USD",
            items = new object[] { new { id = "burger", name = "Burger", priceMinor = 1250, taxRateBp = 825, station = "kitchen" } },
        }), HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> KeyedAsync(string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await Hq.SendAsync(request);
    }

    /// <summary>Each store's latest published menu version (downtown, uptown).</summary>
    private async Task<int[]> MenuVersionsAsync()
    {
        var versions = new List<int>();
        foreach (var id in new[] { "downtown", "uptown" })
        {
            using var response = await Hq.GetAsync($"/cloud/v1/stores/{id}/menu/versions");
            var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            versions.Add(list.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).DefaultIfEmpty(0).Max());
        }
        return [.. versions];
    }
}
