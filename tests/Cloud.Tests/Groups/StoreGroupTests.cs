using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pos.Cloud.Groups;
using static Pos.Cloud.Tests.ChainMenus.HqCalls;

namespace Pos.Cloud.Tests.Groups;

/// <summary>Groups of stores (a region, a brand): their whole member list, versioned with If-Match, only registered stores.</summary>
public sealed class StoreGroupTests : CloudTest
{
    [Fact]
    public async Task A_group_is_created_read_listed_replaced_and_deleted_and_a_store_may_be_in_several()
    {
        foreach (var id in new[] { "downtown", "uptown", "airport" })
        {
            await TestStore.RegisterAsync(Cloud, Hq, id);
        }
        using var created = await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/west",
            new { name = "West", kind = "region", stores = new[] { "uptown", "downtown", "uptown" } });
        Assert.Equal("\"1\"", created.Headers.ETag?.ToString());
        Assert.Equal("/cloud/v1/groups/west", created.Headers.Location?.OriginalString);
        var west = await JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal("West", west.GetProperty("name").GetString());
        Assert.Equal("region", west.GetProperty("kind").GetString());
        Assert.Equal(0, west.GetProperty("precedence").GetInt32());
        Assert.Equal(1, Version(west));
        Assert.Equal(["downtown", "uptown"], Members(west));

        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/burgers",
            new { name = "Burger brand", kind = "brand", precedence = 5, stores = new[] { "downtown", "airport" } }), HttpStatusCode.Created);

        var replaced = await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/west",
            new { name = "West coast", kind = "region", stores = new[] { "airport", "downtown" } }, ifMatch: 1), HttpStatusCode.OK);
        Assert.Equal(2, Version(replaced));
        Assert.Equal(["airport", "downtown"], Members(replaced));

        using var read = await Hq.GetAsync("/cloud/v1/groups/west");
        Assert.Equal("\"2\"", read.Headers.ETag?.ToString());
        Assert.Equal("West coast", (await JsonAsync(read, HttpStatusCode.OK)).GetProperty("name").GetString());

        var list = await JsonAsync(await Hq.GetAsync("/cloud/v1/groups"), HttpStatusCode.OK);
        Assert.Equal(["burgers", "west"], list.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("groupId").GetString()));

        // The resolver HQ reports use for groupId=.
        var groups = Cloud.Services.GetRequiredService<StoreGroups>();
        Assert.Equal(["airport", "downtown"], await groups.StoreIdsAsync("west", CancellationToken.None));
        Assert.Equal(["airport", "downtown"], await groups.StoreIdsAsync("burgers", CancellationToken.None));
        Assert.Null(await groups.StoreIdsAsync("east", CancellationToken.None));

        var emptied = await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/west",
            new { name = "West coast", stores = Array.Empty<string>() }), HttpStatusCode.OK);
        Assert.Equal(3, Version(emptied));
        Assert.Equal("", emptied.GetProperty("kind").GetString());
        Assert.Empty(await groups.StoreIdsAsync("west", CancellationToken.None) ?? ["missing"]);

        var deleted = await JsonAsync(await SendAsync(Hq, HttpMethod.Delete, "/cloud/v1/groups/west", ifMatch: 3), HttpStatusCode.OK);
        Assert.Equal(3, Version(deleted));
        await ProblemAsync(await Hq.GetAsync("/cloud/v1/groups/west"), HttpStatusCode.NotFound, "group-not-found");
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Delete, "/cloud/v1/groups/west"), HttpStatusCode.NotFound, "group-not-found");
        Assert.Equal(["airport", "downtown"], await groups.StoreIdsAsync("burgers", CancellationToken.None));

        using var anonymous = Cloud.NewClient(token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/cloud/v1/groups")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await SendAsync(anonymous, HttpMethod.Put, "/cloud/v1/groups/east", new { name = "East", stores = Array.Empty<string>() })).StatusCode);
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_and_changes_nothing()
    {
        await TestStore.RegisterAsync(Cloud, Hq, "downtown");
        await TestStore.RegisterAsync(Cloud, Hq, "uptown");
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/west", new { name = "West", stores = new[] { "downtown" } }),
            HttpStatusCode.Created);
        // Two admins read version 1; the first one's change lands.
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/west", new { name = "West", stores = new[] { "downtown", "uptown" } }, ifMatch: 1),
            HttpStatusCode.OK);

        var stale = await ProblemAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/west",
            new { name = "Westside", stores = Array.Empty<string>() }, ifMatch: 1), HttpStatusCode.PreconditionFailed, "version-mismatch");
        Assert.Equal(2, stale.GetProperty("currentVersion").GetInt32());
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Delete, "/cloud/v1/groups/west", ifMatch: 1), HttpStatusCode.PreconditionFailed, "version-mismatch");
        // A group nobody made is at version 0: an If-Match naming another does not create it.
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/east", new { name = "East", stores = Array.Empty<string>() }, ifMatch: 1),
            HttpStatusCode.PreconditionFailed, "version-mismatch");
        await ProblemAsync(await Hq.GetAsync("/cloud/v1/groups/east"), HttpStatusCode.NotFound, "group-not-found");
        // If-Match "0": create only, so two admins creating one group at once cannot both think theirs was made.
        Assert.Equal(1, Version(await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/east",
            new { name = "East", stores = Array.Empty<string>() }, ifMatch: 0), HttpStatusCode.Created)));
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/east", new { name = "East 2", stores = Array.Empty<string>() }, ifMatch: 0),
            HttpStatusCode.PreconditionFailed, "version-mismatch");
        using var unreadable = new HttpRequestMessage(HttpMethod.Delete, "/cloud/v1/groups/west");
        unreadable.Headers.TryAddWithoutValidation("If-Match", "two");
        await ProblemAsync(await Hq.SendAsync(unreadable), HttpStatusCode.BadRequest, "validation-failed");

        var west = await JsonAsync(await Hq.GetAsync("/cloud/v1/groups/west"), HttpStatusCode.OK);
        Assert.Equal(2, Version(west));
        Assert.Equal("West", west.GetProperty("name").GetString());
        Assert.Equal(["downtown", "uptown"], Members(west));
    }

    [Fact]
    public async Task Unknown_stores_are_refused_by_name_and_bad_input_changes_nothing()
    {
        await TestStore.RegisterAsync(Cloud, Hq, "downtown");
        await JsonAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/west", new { name = "West", stores = new[] { "downtown" } }),
            HttpStatusCode.Created);

        var unknown = await ProblemAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/west",
            new { name = "West", stores = new[] { "nowhere", "downtown", "atlantis" } }), (HttpStatusCode)422, "unknown-store");
        Assert.Equal(["atlantis", "nowhere"], unknown.GetProperty("unknownStores").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("'atlantis', 'nowhere'", unknown.GetProperty("detail").GetString());
        await ProblemAsync(await SendAsync(Hq, HttpMethod.Put, "/cloud/v1/groups/east", new { name = "East", stores = new[] { "nowhere" } }),
            (HttpStatusCode)422, "unknown-store");

        var bad = new (string Path, string Body, string Field)[]
        {
            ("/cloud/v1/groups/west", """{"stores":[]}""", "name"),
            ("/cloud/v1/groups/west", """{"name":"West"}""", "stores"),
            ("/cloud/v1/groups/west", """{"name":"West","stores":["down town"]}""", "stores[0]"),
            ("/cloud/v1/groups/west", """{"name":"West","stores":[null]}""", "stores[0]"),
            ("/cloud/v1/groups/west", """{"name":"West","kind":"a\u0007b","stores":[]}""", "kind"),
            ("/cloud/v1/groups/west", """{"name":"West","stores":[],"colour":"red"}""", "colour"),
            ("/cloud/v1/groups/we%20st", """{"name":"West","stores":[]}""", "groupId"),
        };
        foreach (var (path, body, field) in bad)
        {
            var problem = await ProblemAsync(await SendAsync(Hq, HttpMethod.Put, path, body), HttpStatusCode.BadRequest, "validation-failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body} => {problem}");
        }

        var west = await JsonAsync(await Hq.GetAsync("/cloud/v1/groups/west"), HttpStatusCode.OK);
        Assert.Equal(1, Version(west));
        Assert.Equal(["downtown"], Members(west));
        await ProblemAsync(await Hq.GetAsync("/cloud/v1/groups/east"), HttpStatusCode.NotFound, "group-not-found");
        await using var conn = new NpgsqlConnection(Cloud.ConnectionString);
        await conn.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from store_group_members", conn);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    private static List<string?> Members(System.Text.Json.JsonElement group) =>
        [.. group.GetProperty("stores").EnumerateArray().Select(s => s.GetString())];
}
