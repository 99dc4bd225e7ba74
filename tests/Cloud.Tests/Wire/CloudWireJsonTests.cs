using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Pos.Contracts.Orders;
using Pos.Tests.Shared;

namespace Pos.Cloud.Tests.Wire;

/// <summary>
/// The cloud's answers, byte for byte, as they were before its wire types moved to Contracts
/// (<see cref="CloudWireJsonBefore"/>): one silo, two stores with a day of orders, every JSON route read once. What
/// changes from run to run (a store's secret, the database's clock) is masked; everything else is compared as sent.
/// </summary>
public sealed partial class CloudWireJsonTests : CloudTest
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    [Fact]
    public async Task Every_json_answer_is_written_as_before()
    {
        using var anonymous = Cloud.NewClient(token: null);
        await Poll.UntilAsync(() => anonymous.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the silo to be ready");
        Assert.Equal(CloudWireJsonBefore.Live, await TextAsync(anonymous.GetAsync("/health/live"), HttpStatusCode.OK));
        Assert.Equal(CloudWireJsonBefore.Ready, await TextAsync(anonymous.GetAsync("/health/ready"), HttpStatusCode.OK));

        var registered = await TextAsync(Hq.PutAsJsonAsync("/cloud/v1/stores/uptown", new { name = "Uptown", timeZone = "America/New_York" }),
            HttpStatusCode.Created);
        Assert.Equal(CloudWireJsonBefore.StoreRegistered, Masked(registered));
        Assert.Equal(CloudWireJsonBefore.StoreRenamed,
            await TextAsync(Hq.PutAsJsonAsync("/cloud/v1/stores/uptown", new { name = "Uptown \"Main\"", timeZone = "America/Chicago" }),
                HttpStatusCode.OK));
        var downtown = await TestStore.RegisterAsync(Cloud, Hq, "downtown", "Downtown \"Main\"", "America/New_York");
        var airport = await TestStore.RegisterAsync(Cloud, Hq, "airport", "Airport", "UTC");
        Assert.Equal(CloudWireJsonBefore.StoresBeforeSync, Masked(await TextAsync(Hq.GetAsync("/cloud/v1/stores"), HttpStatusCode.OK)));

        var first = downtown.Open(Day);
        var burgers = downtown.Line(first, "burger", "Burger", 2, 1250, 825);
        var fries = downtown.Line(first, "fries", "Fries", 1, 450, 825);
        downtown.Fire(first, burgers, fries);
        downtown.Void(first, fries);
        downtown.Pay(first, Tender.Card, 2706, tipMinor: 300);
        downtown.Close(first);
        var open = downtown.Open(Day);
        downtown.Line(open, "soda", "Soda", 3, 200, 0);
        downtown.Seal(Day.AddDays(-1));
        var only = airport.Open(Day);
        airport.Line(only, "burger", "Burger Deluxe", 1, 1250, 825);
        airport.Pay(only, Tender.Other, 1353);
        airport.Close(only);
        airport.Seal(Day);

        Assert.Equal(CloudWireJsonBefore.IngestAck, await TextAsync(downtown.SendAsync(1, 5, downtown.HeadSeq), HttpStatusCode.OK));
        await downtown.SyncAsync();
        await airport.SyncAsync();
        Assert.Equal(CloudWireJsonBefore.StoresAfterSync, Masked(await TextAsync(Hq.GetAsync("/cloud/v1/stores"), HttpStatusCode.OK)));
        Assert.Equal(CloudWireJsonBefore.HqDailyReport,
            Masked(await TextAsync(Hq.GetAsync("/cloud/v1/reports/daily?businessDate=2026-11-25"), HttpStatusCode.OK)));
        Assert.Equal(CloudWireJsonBefore.HqDailyReportOneStore,
            Masked(await TextAsync(Hq.GetAsync("/cloud/v1/reports/daily?businessDate=2026-11-25&storeId=airport"), HttpStatusCode.OK)));

        var menu = new
        {
            currency = "USD",
            items = new object[]
            {
                new { id = "burger", name = "Burger", priceMinor = 1250, taxRateBp = 825, station = "kitchen" },
                new { id = "ipa", name = "IPA pint", priceMinor = 700, taxRateBp = 1000, station = "bar" },
            },
        };
        Assert.Equal(CloudWireJsonBefore.MenuPublished,
            Masked(await TextAsync(Hq.PutAsJsonAsync("/cloud/v1/stores/downtown/menu", menu), HttpStatusCode.Created)));
        Assert.Equal(CloudWireJsonBefore.PublishedMenu,
            Masked(await TextAsync(Hq.GetAsync("/cloud/v1/stores/downtown/menu"), HttpStatusCode.OK)));
        Assert.Equal(CloudWireJsonBefore.MenuVersions,
            Masked(await TextAsync(Hq.GetAsync("/cloud/v1/stores/downtown/menu/versions"), HttpStatusCode.OK)));
    }

    private static async Task<string> TextAsync(Task<HttpResponseMessage> sending, HttpStatusCode expected)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {text}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return text;
    }

    /// <summary>The answer with a store's secret and the times the database sets replaced by placeholders.</summary>
    private static string Masked(string json) => Volatile().Replace(json, m => $"\"{m.Groups[1].Value}\":\"*\"");

    [GeneratedRegex("\"(secret|lastSyncAt|syncedAt|publishedAt)\":\"[^\"]+\"")]
    private static partial Regex Volatile();
}
