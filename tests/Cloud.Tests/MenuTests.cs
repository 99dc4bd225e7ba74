using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Pos.Contracts.Journal;
using Pos.Contracts.Menu;
using Pos.Contracts.Sync;

namespace Pos.Cloud.Tests;

/// <summary>Menus published by headquarters, every version kept, pulled by the store with its own signature.</summary>
public sealed class MenuTests : CloudTest
{
    private static object Menu(long burgerPriceMinor) => new
    {
        currency = "USD",
        categories = new object[] { new { id = "mains", name = "Mains" }, new { id = "drinks", name = "Drinks" } },
        items = new object[]
        {
            new { id = "burger", name = "Burger", priceMinor = burgerPriceMinor, taxRateBp = 825, station = "kitchen", categoryId = "mains" },
            new { id = "ipa", name = "IPA pint", priceMinor = 700, taxRateBp = 1000, station = "bar" },
        },
    };

    [Fact]
    public async Task Each_publish_is_a_new_version_and_earlier_ones_stay_readable()
    {
        await TestStore.RegisterAsync(Cloud, Hq, "downtown");
        await ProblemAsync(await Hq.GetAsync("/cloud/v1/stores/downtown/menu"), HttpStatusCode.NotFound, "menu-not-published");
        Assert.Empty(await VersionsAsync("downtown"));

        using var first = await Hq.PutAsJsonAsync("/cloud/v1/stores/downtown/menu", Menu(1250));
        var one = await JsonAsync(first, HttpStatusCode.Created);
        Assert.Equal("downtown", one.GetProperty("storeId").GetString());
        Assert.Equal(1, one.GetProperty("version").GetInt32());
        using var second = await Hq.PutAsJsonAsync("/cloud/v1/stores/downtown/menu", Menu(1350));
        var two = await JsonAsync(second, HttpStatusCode.Created);
        Assert.Equal(2, two.GetProperty("version").GetInt32());
        Assert.Equal("/cloud/v1/stores/downtown/menu?version=2", second.Headers.Location?.OriginalString);

        var latest = await JsonAsync(await Hq.GetAsync("/cloud/v1/stores/downtown/menu"), HttpStatusCode.OK);
        Assert.Equal(2, latest.GetProperty("version").GetInt32());
        Assert.Equal("downtown", latest.GetProperty("storeId").GetString());
        Assert.Equal(two.GetProperty("publishedAt").GetDateTimeOffset(), latest.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal(1350, MenuOf(latest).Items.Single(i => i.Id == "burger").PriceMinor);

        var previous = await JsonAsync(await Hq.GetAsync("/cloud/v1/stores/downtown/menu?version=1"), HttpStatusCode.OK);
        Assert.Equal(1, previous.GetProperty("version").GetInt32());
        Assert.Equal(one.GetProperty("publishedAt").GetDateTimeOffset(), previous.GetProperty("publishedAt").GetDateTimeOffset());
        var menu = MenuOf(previous);
        Assert.Equal("USD", menu.Currency);
        Assert.Equal(
            [new MenuItem("burger", "Burger", 1250, 825, "kitchen", "mains"), new MenuItem("ipa", "IPA pint", 700, 1000, "bar")],
            menu.Items);
        Assert.Equal([new MenuCategory("mains", "Mains"), new MenuCategory("drinks", "Drinks")], menu.Categories);

        Assert.Equal([1, 2], await VersionsAsync("downtown"));
        await ProblemAsync(await Hq.GetAsync("/cloud/v1/stores/downtown/menu?version=3"), HttpStatusCode.NotFound, "menu-not-published");
        await ProblemAsync(await Hq.GetAsync("/cloud/v1/stores/downtown/menu?version=0"), HttpStatusCode.BadRequest, "validation-failed");
        await ProblemAsync(await Hq.GetAsync("/cloud/v1/stores/downtown/menu?version=two"), HttpStatusCode.BadRequest, "validation-failed");

        await ProblemAsync(await Hq.PutAsJsonAsync("/cloud/v1/stores/nowhere/menu", Menu(1250)), HttpStatusCode.NotFound, "store-not-found");
        await ProblemAsync(await Hq.GetAsync("/cloud/v1/stores/nowhere/menu"), HttpStatusCode.NotFound, "store-not-found");
        await ProblemAsync(await Hq.GetAsync("/cloud/v1/stores/nowhere/menu/versions"), HttpStatusCode.NotFound, "store-not-found");

        using var anonymous = Cloud.NewClient(token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/cloud/v1/stores/downtown/menu", Menu(1))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/cloud/v1/stores/downtown/menu")).StatusCode);
        Assert.Equal([1, 2], await VersionsAsync("downtown"));
    }

    private static readonly (string Body, string Code, string Field)[] BadMenus =
    [
        ("""{"currency":"usd","items":[]}""", "validation-failed", "currency"),
        ("""{"items":[]}""", "validation-failed", "currency"),
        ("""{"currency":"USD"}""", "validation-failed", "items"),
        ("""{"currency":"USD","items":[{"id":"a","name":"A","priceMinor":-1,"taxRateBp":0,"station":"kitchen"}]}""", "validation-failed", "items[0].priceMinor"),
        ("""{"currency":"USD","items":[{"id":"a","name":"A","priceMinor":100,"taxRateBp":20000,"station":"kitchen"}]}""", "validation-failed", "items[0].taxRateBp"),
        ("""{"currency":"USD","items":[{"id":"a","name":"A","priceMinor":100,"taxRateBp":0}]}""", "validation-failed", "items[0].station"),
        ("""{"currency":"USD","items":[{"id":"a","name":"A","priceMinor":100,"taxRateBp":0,"station":"bar"},{"id":"a","name":"B","priceMinor":1,"taxRateBp":0,"station":"bar"}]}""", "validation-failed", "items[1].id"),
        ("""{"currency":"USD","items":[{"id":"a b","name":"A","priceMinor":100,"taxRateBp":0,"station":"bar"}]}""", "validation-failed", "items[0].id"),
        ("""{"currency":"USD","items":[{"id":"a","name":"A","taxRateBp":0,"station":"bar"}]}""", "validation-failed", "items[0]"),
        ("""{"currency":"USD","items":[{"id":"a","name":"A","priceMinor":"cheap","taxRateBp":0,"station":"bar"}]}""", "validation-failed", "items[0].priceMinor"),
        ("""{"currency":"USD","items":[{"id":"a","name":"A","priceMinor":100,"taxRateBp":0,"station":"bar","categoryId":"mains"}]}""", "validation-failed", "items[0].categoryId"),
        ("""{"currency":"USD","categories":[{"id":"mains","name":"Mains"},{"id":"mains","name":"More mains"}],"items":[]}""", "validation-failed", "categories[1].id"),
        ("""{"currency":"USD","categories":[{"id":"mains","name":" "}],"items":[]}""", "validation-failed", "categories[0].name"),
        ("""{"currency":"USD","categories":[{"id":"mains"}],"items":[]}""", "validation-failed", "categories[0].name"),
        ("null", "validation-failed", "menu"),
        ("""{"currency":"USD","items":[""", "malformed-json", ""),
        ("", "malformed-json", ""),
    ];

    [Fact]
    public async Task A_bad_menu_gets_400_and_stores_nothing()
    {
        await TestStore.RegisterAsync(Cloud, Hq, "downtown");
        using (var first = await Hq.PutAsJsonAsync("/cloud/v1/stores/downtown/menu", Menu(1250)))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        foreach (var (body, code, field) in BadMenus)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            var problem = await ProblemAsync(await Hq.PutAsync("/cloud/v1/stores/downtown/menu", content), HttpStatusCode.BadRequest, code);
            if (field.Length > 0)
            {
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body} => {problem}");
            }
        }

        Assert.Equal([1], await VersionsAsync("downtown"));
        Assert.Equal(1250, MenuOf(await JsonAsync(await Hq.GetAsync("/cloud/v1/stores/downtown/menu"), HttpStatusCode.OK))
            .Items.Single(i => i.Id == "burger").PriceMinor);
        await using (var conn = new NpgsqlConnection(Cloud.ConnectionString))
        {
            await conn.OpenAsync();
            await using var count = new NpgsqlCommand("select count(*) from store_menus", conn);
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }
        // The refused menus used no version number.
        using var next = await Hq.PutAsJsonAsync("/cloud/v1/stores/downtown/menu", Menu(1300));
        Assert.Equal(2, (await JsonAsync(next, HttpStatusCode.Created)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_store_pulls_its_own_latest_menu_with_its_signature_and_only_its_own()
    {
        var downtown = await TestStore.RegisterAsync(Cloud, Hq, "downtown");
        var uptown = await TestStore.RegisterAsync(Cloud, Hq, "uptown");
        const string path = "/cloud/v1/stores/downtown/menu/published";
        await ProblemAsync(await PullAsync(path, downtown.Secret), HttpStatusCode.NotFound, "menu-not-published");
        await ProblemAsync(await PullAsync(path + "?after=0", downtown.Secret), HttpStatusCode.NotFound, "menu-not-published");
        (await Hq.PutAsJsonAsync("/cloud/v1/stores/downtown/menu", Menu(1250))).Dispose();

        using var pulled = await PullAsync(path, downtown.Secret);
        Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
        Assert.Equal(await Hq.GetStringAsync("/cloud/v1/stores/downtown/menu"), await pulled.Content.ReadAsStringAsync());

        using var upToDate = await PullAsync(path + "?after=1", downtown.Secret);
        Assert.Equal(HttpStatusCode.NoContent, upToDate.StatusCode);
        Assert.Empty(await upToDate.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await PullAsync(path + "?after=0", downtown.Secret)).StatusCode);

        (await Hq.PutAsJsonAsync("/cloud/v1/stores/downtown/menu", Menu(1400))).Dispose();
        var newer = await JsonAsync(await PullAsync(path + "?after=1", downtown.Secret), HttpStatusCode.OK);
        Assert.Equal(2, newer.GetProperty("version").GetInt32());
        Assert.Equal(1400, MenuOf(newer).Items.Single(i => i.Id == "burger").PriceMinor);
        Assert.Equal(HttpStatusCode.NoContent, (await PullAsync(path + "?after=2", downtown.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PullAsync(path + "?after=9", downtown.Secret)).StatusCode);
        await ProblemAsync(await PullAsync(path + "?after=one", downtown.Secret), HttpStatusCode.BadRequest, "validation-failed");

        // Another store's secret, another path signed, no or a stale signature, an unknown store: 401, nothing read.
        var refused = new[]
        {
            await PullAsync(path, uptown.Secret),
            await PullAsync(path, downtown.Secret, signedPath: "/cloud/v1/stores/uptown/menu/published"),
            await PullAsync(path, downtown.Secret, signedAt: DateTimeOffset.UtcNow.AddMinutes(-10)),
            await PullAsync(path, secret: null),
            await PullAsync("/cloud/v1/stores/nowhere/menu/published", downtown.Secret),
        };
        foreach (var response in refused)
        {
            var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
            Assert.True(problem.TryGetProperty("serverTime", out _), problem.ToString());
            Assert.False(problem.TryGetProperty("menu", out _));
        }
        // The HQ token is no store signature either.
        using var hqPull = await Hq.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, hqPull.StatusCode);

        // Uptown signs its own path: nothing published to it.
        await ProblemAsync(await PullAsync("/cloud/v1/stores/uptown/menu/published", uptown.Secret), HttpStatusCode.NotFound, "menu-not-published");
    }

    private async Task<HttpResponseMessage> PullAsync(string pathAndQuery, byte[]? secret, string? signedPath = null, DateTimeOffset? signedAt = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (secret is not null)
        {
            var signed = signedPath ?? pathAndQuery.Split('?')[0];
            request.Headers.Add(BatchSignature.Header, BatchSignature.Sign(secret, signedAt ?? DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(signed)));
        }
        using var client = Cloud.NewClient(token: null);
        return await client.SendAsync(request);
    }

    private async Task<List<int>> VersionsAsync(string storeId)
    {
        var body = await JsonAsync(await Hq.GetAsync($"/cloud/v1/stores/{storeId}/menu/versions"), HttpStatusCode.OK);
        return [.. body.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32())];
    }

    private static MenuDefinition MenuOf(JsonElement published) =>
        published.GetProperty("menu").Deserialize<MenuDefinition>(EventJson.Options)!;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await JsonAsync(response, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }
}
