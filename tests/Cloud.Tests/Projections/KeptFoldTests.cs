using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pos.Cloud.Reports;
using Pos.Cloud.Stores;
using Pos.Contracts.Reports;
using Pos.Tests.Shared;
using static Pos.Cloud.Tests.Projections.EveryKindJournal;

namespace Pos.Cloud.Tests.Projections;

/// <summary>
/// What ingest keeps beside the report since HQ reads at chain scale: the store grain's fold of its open date (each
/// batch folds only its own events), the sums' columns the totals and ranges add, and the date's latest seal. Each is
/// what the fold of the date's events and the store's journal say, whatever came between.
/// </summary>
public sealed class KeptFoldTests : CloudTest
{
    [Fact]
    public async Task A_fold_the_grain_kept_that_another_writer_overtook_is_made_again_from_the_journal()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "overtaken");
        Write(store);
        var head = store.HeadSeq;
        Assert.Equal(8, await AckedAsync(await store.SendAsync(1, 8, head)));
        // Another activation of the store (a silo this one does not know is alive) stores 9..16 with no fold of its own:
        // the grain's kept fold of the date no longer holds what the journal holds.
        var journal = Cloud.Services.GetRequiredService<StoreJournal>();
        Assert.True((await journal.AppendAsync(store.StoreId, 8, [.. store.Journal.Where(e => e.Seq is >= 9 and <= 16)], head)).Stored);
        Assert.Equal(head, await AckedAsync(await store.SendAsync(17, head, head)));

        foreach (var date in new[] { Day, NextDay })
        {
            var row = await RowAsync(Cloud.ConnectionString, store.StoreId, date);
            Assert.Equal(Json(DailyReportBuilder.Build(date, store.EventsOf(date))), Json(row!.Value.Report));
            Assert.Equal(Json(ZReportBuilder.Build(date, store.EventsOf(date))), Json(row.Value.Z));
            Assert.Equal(store.EventsOf(date).Count, row.Value.Events);
        }
    }

    [Fact]
    public async Task The_sums_columns_are_the_fold_s_and_the_row_keeps_the_latest_seal_of_its_date_even_of_a_date_without_events()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "sealville");
        Write(store);
        var quiet = Day.AddDays(-1);
        var quietSeal = store.Seal(quiet);
        for (long from = 1; from <= store.HeadSeq; from += 5)
        {
            using var sent = await store.SendAsync(from, Math.Min(from + 4, store.HeadSeq), store.HeadSeq);
            Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        }
        var daySeal = store.Journal.Last(e => e.Type == BusinessDaySealed.Type && e.Data.Contains("2026-11-25", StringComparison.Ordinal));

        var (sums, sealSeq) = await SumsAsync(store.StoreId, Day);
        var fold = DaySums.Of(DailyReportBuilder.Build(Day, store.EventsOf(Day)));
        Assert.Equal(fold.Currency, sums.Currency);
        Assert.Equal(fold.Values, sums.Values);
        Assert.Equal(fold.Items, sums.Items);
        Assert.Equal(fold.Hours, sums.Hours);
        Assert.Equal(daySeal.Seq, sealSeq);

        // A date with no event of its own, sealed: its row has nothing in it and the seal, so it is proven complete.
        var (none, quietSealSeq) = await SumsAsync(store.StoreId, quiet);
        Assert.Equal((quietSeal.Seq, ""), (quietSealSeq, none.Currency));
        Assert.All(none.Values, v => Assert.Equal(0, v));
        using var response = await Hq.GetAsync($"/cloud/v1/reports/daily?businessDate={quiet:yyyy-MM-dd}&storeId={store.StoreId}");
        var entry = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("stores")[0];
        Assert.True(entry.GetProperty("complete").GetBoolean(), entry.GetRawText());

        // The store seals the date again (a later seal, the same count): the row keeps the later one.
        var again = store.Seal(Day);
        await store.SyncAsync();
        Assert.Equal(again.Seq, (await SumsAsync(store.StoreId, Day)).SealSeq);
    }

    [Fact]
    public async Task Ingest_rewrites_a_date_s_row_in_place_of_its_page_with_no_new_index_entries()
    {
        // Every batch of the date rewrites its row. An index that names a column the rewrite changes (in its keys or
        // its condition) makes every rewrite write a new entry in every index, and a chain's daily read then walks
        // them all until vacuum comes (docs/BENCHMARKS.md, "HQ at chain scale"): the rewrites must be heap-only.
        await using var db = NpgsqlDataSource.Create(Cloud.ConnectionString);
        var before = await HotUpdatesAsync(db);
        var store = await TestStore.RegisterAsync(Cloud, Hq, "inplace");
        Write(store);
        var batches = 0;
        for (long from = 1; from <= store.HeadSeq; from += 3)
        {
            using var sent = await store.SendAsync(from, Math.Min(from + 2, store.HeadSeq), store.HeadSeq);
            Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
            batches++;
        }
        Assert.True(batches >= 6, $"{batches} batches");
        // PostgreSQL's statistics arrive a little after the commits (a backend reports them when it is idle).
        await Poll.UntilAsync(async () => await HotUpdatesAsync(db) - before, hot => hot >= batches / 2, TimeSpan.FromSeconds(30),
            $"at least {batches / 2} heap-only rewrites of store_day_figures after {batches} batches");
    }

    private static async Task<long> HotUpdatesAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("select n_tup_hot_upd from pg_stat_user_tables where relname = 'store_day_figures'");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<(DaySums Sums, long? SealSeq)> SumsAsync(string storeId, DateOnly date)
    {
        await using var db = NpgsqlDataSource.Create(Cloud.ConnectionString);
        await using var cmd = db.CreateCommand($"select seal_seq, {DaySums.Columns} from store_day_figures where store_id = $1 and business_date = $2");
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.AddWithValue(date);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row for {storeId} {date}");
        return (DaySums.Read(reader, 1), reader.IsDBNull(0) ? null : reader.GetInt64(0));
    }

    private static async Task<long> AckedAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            return JsonDocument.Parse(text).RootElement.GetProperty("ackedSeq").GetInt64();
        }
    }
}
