using System.Net;
using System.Text;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Poison;

/// <summary>
/// Requests are read as written, never guessed at: a field twice, a field the request does not have, a number
/// sent as a string, an enum value other than its wire name, a malformed body on a route that takes none, and a
/// body larger than the route takes are each refused with a problem that names the field, and change nothing.
/// </summary>
public sealed class StrictRequestTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private async Task<HttpResponseMessage> RawAsync(string path, string body, string contentType = "application/json") =>
        await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    public static TheoryData<string, string, string> Cases => new()
    {
        // A field twice: the last would win, so a client's first value would be silently dropped.
        { "lines", """{"lineId":"LINE","menuItemId":"burger","quantity":1,"quantity":999}""", "quantity" },
        { "lines", """{"lineId":"LINE","menuItemId":"burger","quantity":1,"modifiers":["a"],"modifiers":["b"]}""", "modifiers" },
        // A field the route does not have: a typo, or a capability this appliance does not know.
        { "lines", """{"lineId":"LINE","menuItemId":"burger","quantity":1,"modifer":"no onions"}""", "modifer" },
        { "lines", """{"lineId":"LINE","menuItemId":"burger","Quantity":1}""", "Quantity" },
        // Numbers as strings.
        { "lines", """{"lineId":"LINE","menuItemId":"burger","quantity":"5"}""", "quantity" },
        { "payments", """{"paymentId":"LINE","tender":"card","amountMinor":"1353"}""", "amountMinor" },
        // Enums by their wire names only.
        { "payments", """{"paymentId":"LINE","tender":"Card","amountMinor":1353}""", "tender" },
        { "payments", """{"paymentId":"LINE","tender":"1","amountMinor":1353}""", "tender" },
        { "payments", """{"paymentId":"LINE","tender":1,"amountMinor":1353}""", "tender" },
        // Text with a control character.
        { "lines", """{"lineId":"LINE","menuItemId":"burger","quantity":1,"note":"bell \u0007"}""", "note" },
        // A command that takes an empty body takes nothing else.
        { "fire", """{"course":"mains"}""", "course" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task LenientInput_IsRefused_NamingTheField_AndChangesNothing(string route, string body, string field)
    {
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();

        using var response = await RawAsync($"/api/v1/orders/{orderId}/{route}", body.Replace("LINE", Guid.NewGuid().ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("validation-failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Contains(field, messages[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task AnEnumInAnotherCase_IsRefused_WhereItWasOnceTakenAsDineIn()
    {
        var head = await fixture.HeadSeqAsync();
        using var response = await RawAsync("/api/v1/orders", $$"""{"orderId":"{{Guid.NewGuid()}}","channel":"DineIn"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains("dine-in, takeout, delivery", problem.GetProperty("errors").GetProperty("channel")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Theory]
    [InlineData("{\"reprint\": ")]
    [InlineData("not json")]
    [InlineData("{\"copies\": 2}")]
    public async Task AReprintWithAMalformedBody_IsRefused_AndPrintsNothing(string body)
    {
        var head = await fixture.HeadSeqAsync();
        using var response = await RawAsync($"/api/v1/printers/kitchen/jobs/{Guid.NewGuid()}/reprint", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task ABodyLargerThanTheRouteTakes_Is413_BeforeItIsRead()
    {
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        var head = await fixture.HeadSeqAsync();
        var filler = new string('x', 10 * 1024 * 1024);

        // The client waits for the server's go-ahead before it sends the body: the refusal comes first, nothing is read.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{orderId}/lines")
        {
            Content = new StringContent($$"""{"lineId":"{{Guid.NewGuid()}}","menuItemId":"burger","quantity":1,"padding":"{{filler}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.True(problem.TryGetProperty("code", out var code), problem.ToString());
        Assert.Equal("body-too-large", code.GetString());
        Assert.Contains("65536", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(head, await fixture.HeadSeqAsync());
    }

    [Fact]
    public async Task AMenuMayBeLargerThanACommand()
    {
        // 2,000 items of about 150 bytes: far past a command's limit, well inside the menu's.
        var items = Enumerable.Range(0, 2_000).Select(i => new
        {
            id = $"item-{i}", name = $"Dish number {i} with a long descriptive name", priceMinor = 1000 + i, taxRateBp = 825, station = "kitchen",
        });
        using var response = await _client.PutAsync("/api/v1/menu",
            new StringContent(JsonSerializer.Serialize(new { currency = "USD", items = items.Cast<object>().Concat(PosClient.MenuItems()) }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode); // 2,004 items: one list past the menu's own limit of 2,000
        Assert.Contains("2000", (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var fits = await _client.PutAsync("/api/v1/menu",
            new StringContent(JsonSerializer.Serialize(new { currency = "USD", items = items.Take(1_996).Cast<object>().Concat(PosClient.MenuItems()) }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=bogus", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=latin1", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=\"utf-8\"", HttpStatusCode.OK)]
    [InlineData("application/json; charset=UTF-8", HttpStatusCode.OK)]
    public async Task ABodyInACharacterSetOtherThanUtf8_Is415_NeverA500(string contentType, HttpStatusCode expected)
    {
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{orderId}/lines")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"lineId":"{{Guid.NewGuid()}}","menuItemId":"burger","quantity":1}""")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var head = await fixture.HeadSeqAsync();

        using var response = await _client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("unsupported-media-type", (await response.JsonAsync()).GetProperty("code").GetString());
            Assert.Equal(head, await fixture.HeadSeqAsync());
        }
    }

    [Theory]
    [InlineData("/api/v1/journal?after=9223372036854775808", "after")]
    [InlineData("/api/v1/journal?limit=many", "limit")]
    [InlineData("/api/v1/orders?limit=1e3", "limit")]
    public async Task AQueryValueThatCannotBeRead_IsNamed_WithoutTheFrameworksTypeNames(string path, string field)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.DoesNotContain("Nullable", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyThatIsNotJson_Is415_WithAProblem()
    {
        var orderId = Guid.NewGuid();
        (await _client.OpenAsync(orderId)).EnsureSuccessStatusCode();
        using var response = await RawAsync($"/api/v1/orders/{orderId}/lines", "lineId=1", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unsupported-media-type", (await response.JsonAsync()).GetProperty("code").GetString());
    }
}
