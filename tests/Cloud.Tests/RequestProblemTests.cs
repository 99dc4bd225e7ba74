using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Pos.Cloud.Tests;

/// <summary>
/// The cloud reads requests as strictly as the appliance: unreadable JSON, an unknown or misspelt field, text with a NUL
/// or a control character all get an RFC 9457 problem with a code (and the field), never an empty 400 or a 500.
/// </summary>
public sealed class RequestProblemTests(RequestProblemTests.KnownStore known) : IClassFixture<RequestProblemTests.KnownStore>
{
    private const string Menu = """
        {"currency":"USD","items":[{"id":"burger","name":"Burger","priceMinor":1250,"taxRateBp":825,"station":"kitchen"}]}
        """;

    private CloudFactory Cloud => known.Cloud;
    private HttpClient Hq => known.Hq;

    public static TheoryData<string, string, string, string?> BadBodies => new()
    {
        // route, body, code, field
        { "/cloud/v1/stores/downtown", """{"name":"Downtown","timeZone":""", "malformed-json", null },
        { "/cloud/v1/stores/downtown", "", "validation-failed", "name" },
        { "/cloud/v1/stores/downtown", """{"name":"Downtown","timeZone":"UTC","owner":"me"}""", "validation-failed", "owner" },
        { "/cloud/v1/stores/downtown", """{"Name":"Downtown","timeZone":"UTC"}""", "validation-failed", "Name" },
        { "/cloud/v1/stores/downtown", """{"name":5,"timeZone":"UTC"}""", "validation-failed", "name" },
        { "/cloud/v1/stores/downtown", """{"name":"Down\u0000town","timeZone":"UTC"}""", "validation-failed", "name" },
        { "/cloud/v1/stores/downtown", """{"name":"Down\ntown","timeZone":"UTC"}""", "validation-failed", "name" },
        { "/cloud/v1/stores/downtown", "{\"name\":\"" + new string('x', 101) + "\",\"timeZone\":\"UTC\"}", "validation-failed", "name" },
        { "/cloud/v1/stores/downtown", """{"name":"  ","timeZone":"UTC"}""", "validation-failed", "name" },
        { "/cloud/v1/stores/downtown", """{"name":"Downtown","timeZone":"UTC\u0000"}""", "validation-failed", "timeZone" },
        { "/cloud/v1/stores/downtown", """{"name":"Downtown","timeZone":"Mars/Olympus"}""", "validation-failed", "timeZone" },
        { "/cloud/v1/stores/known/menu", """{"currency":"USD","items":[{"id":"b","name":"Bur\u0000ger","priceMinor":1,"taxRateBp":0,"station":"kitchen"}]}""", "validation-failed", "items[0].name" },
        { "/cloud/v1/stores/known/menu", """{"currency":"USD","items":[{"id":"b","name":"Burger","priceMinor":1,"taxRateBp":0,"station":"kit\u0000chen"}]}""", "validation-failed", "items[0].station" },
        { "/cloud/v1/stores/known/menu", """{"currency":"USD","items":[],"Items":[]}""", "validation-failed", "Items" },
        { "/cloud/v1/stores/known/menu", """{"currency":"USD","items":[{"id":"b","name":"Burger","priceMinor":"1","taxRateBp":0,"station":"kitchen"}]}""", "validation-failed", "items[0].priceMinor" },
        { "/cloud/v1/stores/known/menu", """{"currency":"USD","items":[}""", "malformed-json", null },
    };

    [Theory]
    [InlineData("application/json; charset=bogus", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=latin1", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=\"utf-8\"", HttpStatusCode.OK)]
    [InlineData("application/json; charset=UTF-8", HttpStatusCode.OK)]
    public async Task A_body_in_a_character_set_other_than_utf8_is_415_never_500(string contentType, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/cloud/v1/stores/known")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name":"Known","timeZone":"UTC"}""")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await Hq.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("unsupported-media-type", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_gets_a_problem_with_its_code_and_field_and_changes_nothing(string route, string body, string code, string? field)
    {
        using var response = await Hq.PutAsync(route, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal($"https://pos-appliance.dev/problems/{code}", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), text);
        }

        Assert.Equal(["known"], await StoreIdsAsync());
        Assert.Equal(1L, await CountAsync("select count(*) from store_menus"));
    }

    [Fact]
    public async Task Hq_routes_check_the_token_before_they_read_the_body()
    {
        using var anonymous = Cloud.NewClient(token: null);
        using var malformed = await anonymous.PutAsync("/cloud/v1/stores/downtown", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, malformed.StatusCode);
        Assert.Equal("unauthorized", JsonDocument.Parse(await malformed.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        using var wrong = Cloud.NewClient(token: "not-the-hq-token-but-long-enough-to-be-one");
        using var menu = await wrong.PutAsync("/cloud/v1/stores/downtown/menu", new StringContent(Menu, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, menu.StatusCode);
        Assert.Equal(["known"], await StoreIdsAsync());
    }

    private async Task<List<string>> StoreIdsAsync()
    {
        var stores = JsonDocument.Parse(await Hq.GetStringAsync("/cloud/v1/stores")).RootElement.GetProperty("stores");
        return [.. stores.EnumerateArray().Select(s => s.GetProperty("storeId").GetString()!)];
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Cloud.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>One silo for the class, with the store "known" and one menu published to it.</summary>
    public sealed class KnownStore : IAsyncLifetime
    {
        public CloudFactory Cloud { get; private set; } = null!;
        public HttpClient Hq { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Cloud = await CloudFactory.StartAsync();
            Hq = Cloud.NewClient();
            using var store = await Hq.PutAsJsonAsync("/cloud/v1/stores/known", new { name = "Known", timeZone = "UTC" });
            store.EnsureSuccessStatusCode();
            using var menu = await Hq.PutAsync("/cloud/v1/stores/known/menu", new StringContent(Menu, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, menu.StatusCode);
        }

        public async Task DisposeAsync()
        {
            Hq.Dispose();
            await Cloud.DisposeAsync();
        }
    }
}
