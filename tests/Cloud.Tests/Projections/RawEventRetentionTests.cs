using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pos.Cloud.Reports;
using Pos.Tests.Shared;
using static Pos.Cloud.Tests.Projections.EveryKindJournal;

namespace Pos.Cloud.Tests.Projections;

/// <summary>
/// Raw events of old dates are deleted only when the store sealed the date and the cloud holds it whole; the figures
/// stay, the reports answer the same (complete included), and the rebuild skips those dates and says so.
/// </summary>
public sealed class RawEventRetentionTests : CloudTest
{
    [Fact]
    public async Task A_sealed_complete_date_loses_its_raw_events_and_keeps_its_reports_while_an_unsealed_date_keeps_everything()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "oldville");
        Write(store);
        await store.SyncAsync();
        var daily = await EntryAsync("daily", Day);
        var z = await EntryAsync("z", Day);
        var next = await EntryAsync("daily", NextDay);
        Assert.True(daily.GetProperty("complete").GetBoolean());

        await using var db = NpgsqlDataSource.Create(Cloud.ConnectionString);
        // Both dates are before the cutoff; only the sealed one is complete.
        Assert.Equal(1, await new RawEventRetention(db).SweepAsync(NextDay.AddDays(1), CancellationToken.None));
        Assert.Equal(0L, await SqlAsync(Cloud.ConnectionString, "select count(*) from store_journal where store_id = 'oldville' and business_date = '2026-11-25'"));
        Assert.Equal((long)store.EventsOf(NextDay).Count,
            await SqlAsync(Cloud.ConnectionString, "select count(*) from store_journal where store_id = 'oldville' and business_date = '2026-11-26'"));
        Assert.Equal(1L, await SqlAsync(Cloud.ConnectionString, "select count(*) from store_journal where store_id = 'oldville' and type = 'BusinessDaySealed'"));
        Assert.True((await RowAsync(Cloud.ConnectionString, "oldville", Day))!.Value.RawDeleted);

        // The same answers, byte for byte: figures, completeness, events held, the seal.
        Assert.Equal(daily.GetRawText(), (await EntryAsync("daily", Day)).GetRawText());
        Assert.Equal(z.GetRawText(), (await EntryAsync("z", Day)).GetRawText());
        Assert.Equal(next.GetRawText(), (await EntryAsync("daily", NextDay)).GetRawText());

        using var output = new StringWriter();
        Assert.Equal(0, await ProjectionsCommand.RunAsync([ProjectionsCommand.Name, "--check"], db, output, output, CancellationToken.None));
        Assert.Equal([
            "oldville 2026-11-25: skipped, its raw events were deleted (retention); the stored figures are kept",
            "checked 1, matched 1, mismatched 0, repaired 0; skipped 1 whose raw events are deleted"],
            output.ToString().Trim().Split('\n'));
        // A sweep again finds nothing more to delete.
        Assert.Equal(0, await new RawEventRetention(db).SweepAsync(NextDay.AddDays(1), CancellationToken.None));

        // The store contradicts its seal (an event of the sealed date after all): the figures stay, the event is
        // counted, and the date's report says it cannot be proven complete.
        var late = store.Open(Day);
        await store.SyncAsync();
        var after = await EntryAsync("daily", Day);
        Assert.Equal(daily.GetProperty("report").GetRawText(), after.GetProperty("report").GetRawText());
        Assert.Equal(daily.GetProperty("eventsHeld").GetInt64() + 1, after.GetProperty("eventsHeld").GetInt64());
        Assert.False(after.GetProperty("complete").GetBoolean());
        Assert.NotEqual(Guid.Empty, late);
    }

    [Fact]
    public async Task A_date_whose_seal_disagrees_with_what_the_cloud_holds_keeps_its_raw_events()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "liarville");
        var order = store.Open(Day);
        store.Line(order, "burger", "Burger", 1, 1250, 825);
        store.Seal(Day, eventCount: 5);
        await store.SyncAsync();

        await using var db = NpgsqlDataSource.Create(Cloud.ConnectionString);
        Assert.Equal(0, await new RawEventRetention(db).SweepAsync(NextDay, CancellationToken.None));
        Assert.Equal(2L, await SqlAsync(Cloud.ConnectionString, "select count(*) from store_journal where store_id = 'liarville' and business_date is not null"));
    }

    [Fact]
    public async Task A_silo_started_with_POS_CLOUD_RAW_EVENT_DAYS_deletes_old_complete_dates_at_start()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "keepville");
        Write(store);
        await store.SyncAsync();
        var daily = await EntryAsync("daily", Day, store.StoreId);

        // A second silo of the cloud, with the setting. The dates are of 2026-11; today is later, so 1 day back covers them.
        await using var second = await CloudFactory.StartAsync(s => s.AddSingleton(new RawEventDays(1)), Cloud.ConnectionString);
        await Poll.UntilAsync(() => RowAsync(Cloud.ConnectionString, store.StoreId, Day), row => row is { RawDeleted: true },
            TimeSpan.FromSeconds(30), "the silo's start-up sweep to delete the sealed date's raw events");
        Assert.Equal(daily.GetRawText(), (await EntryAsync("daily", Day, store.StoreId)).GetRawText());
        Assert.False((await RowAsync(Cloud.ConnectionString, store.StoreId, NextDay))!.Value.RawDeleted);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("90", 90)]
    public void The_setting_is_a_number_of_days_or_unset(string? value, int? days) =>
        Assert.Equal(days, RawEventRetention.DaysFrom(Config(value)));

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("a week")]
    public void A_setting_that_is_not_a_number_of_days_is_refused_with_what_to_write(string value) =>
        Assert.Contains("POS_CLOUD_RAW_EVENT_DAYS must be a whole number of days", Assert.Throws<InvalidOperationException>(
            () => RawEventRetention.DaysFrom(Config(value))).Message, StringComparison.Ordinal);

    private static IConfiguration Config(string? days) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [RawEventRetention.DaysVariable] = days }).Build();

    private async Task<JsonElement> EntryAsync(string kind, DateOnly date, string storeId = "oldville")
    {
        using var response = await Hq.GetAsync($"/cloud/v1/reports/{kind}?businessDate={date:yyyy-MM-dd}&storeId={storeId}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("stores").EnumerateArray()).Clone();
    }
}
