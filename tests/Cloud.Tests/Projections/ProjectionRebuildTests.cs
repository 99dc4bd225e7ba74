using System.Text.Json;
using Npgsql;
using Pos.Cloud.Reports;
using Pos.Contracts.Reports;
using Pos.Tests.Shared;
using static Pos.Cloud.Tests.Projections.EveryKindJournal;

namespace Pos.Cloud.Tests.Projections;

/// <summary>
/// <c>rebuild-projections</c> (the command's own code path, on the cloud's database): finds nothing to say after
/// ingest, finds a row corrupted on purpose with --check (exit code 1) and repairs it without.
/// </summary>
public sealed class ProjectionRebuildTests : CloudTest
{
    [Fact]
    public async Task After_ingest_the_check_finds_no_mismatch_then_it_finds_a_corrupted_row_and_the_rebuild_repairs_it()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "rebuildville");
        Write(store);
        await store.SyncAsync();
        var fold = Json(DailyReportBuilder.Build(Day, store.EventsOf(Day)));

        var (code, output) = await RunAsync("--check");
        Assert.Equal((0, "checked 2, matched 2, mismatched 0, repaired 0; skipped 0 whose raw events are deleted"), (code, output.Trim()));

        // Corrupted on purpose: HQ now reads the wrong net sales (it reads the row), and the check finds it.
        await SqlAsync(Cloud.ConnectionString, """
            update store_day_reports set report = jsonb_set(report::jsonb, '{netSalesMinor}', '1')::json
            where store_id = 'rebuildville' and business_date = '2026-11-25';
            update store_day_figures set events = events + 1 where store_id = 'rebuildville' and business_date = '2026-11-25';
            """);
        Assert.Equal(1, (await DailyAsync()).GetProperty("netSalesMinor").GetInt64());
        (code, output) = await RunAsync("--check", "--store", "rebuildville");
        Assert.Equal(ProjectionsCommand.Mismatch, code);
        var lines = output.Trim().Split('\n');
        Assert.Equal([
            $"rebuildville 2026-11-25: mismatch: {store.EventsOf(Day).Count + 1} events stored, {store.EventsOf(Day).Count} in the journal; the daily report differs from the fold",
            "checked 2, matched 1, mismatched 1, repaired 0; skipped 0 whose raw events are deleted"], lines);

        (code, output) = await RunAsync("--from", "2026-11-25", "--to", "2026-11-25");
        Assert.Equal(0, code);
        Assert.EndsWith("checked 1, matched 0, mismatched 1, repaired 1; skipped 0 whose raw events are deleted", output.Trim());
        Assert.Equal(fold, (await DailyAsync()).GetRawText());
        (code, output) = await RunAsync("--check");
        Assert.Equal((0, "checked 2, matched 2, mismatched 0, repaired 0; skipped 0 whose raw events are deleted"), (code, output.Trim()));
    }

    [Fact]
    public async Task A_missing_row_is_a_mismatch_and_rows_counted_by_the_migration_but_not_folded_are_folded()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "upgradeville");
        Write(store);
        await store.SyncAsync();
        var fold = Json(DailyReportBuilder.Build(Day, store.EventsOf(Day)));

        // As the migration leaves a journal stored before the rows were kept: counted, not folded. HQ folds it itself.
        await SqlAsync(Cloud.ConnectionString, """
            update store_day_figures set folded = false, to_fold = true where store_id = 'upgradeville';
            update store_day_reports set report = null, z = null where store_id = 'upgradeville';
            """);
        Assert.Equal(fold, (await DailyAsync("upgradeville")).GetRawText());
        var (code, output) = await RunAsync("--check");
        Assert.Equal(ProjectionsCommand.Mismatch, code);
        Assert.Contains("upgradeville 2026-11-25: mismatch: the figures are not folded yet", output, StringComparison.Ordinal);
        await using (var db = NpgsqlDataSource.Create(Cloud.ConnectionString))
        {
            Assert.Equal(2, await new ProjectionRebuild(db).FoldPendingAsync(CancellationToken.None));
        }
        Assert.Equal(fold, Json((await RowAsync(Cloud.ConnectionString, "upgradeville", Day))!.Value.Report));

        await SqlAsync(Cloud.ConnectionString, "delete from store_day_figures where store_id = 'upgradeville' and business_date = '2026-11-26'");
        (code, output) = await RunAsync();
        Assert.Equal(0, code);
        Assert.StartsWith("upgradeville 2026-11-26: mismatch: no figures are stored; repaired", output, StringComparison.Ordinal);
        Assert.Equal(store.EventsOf(NextDay).Count, (await RowAsync(Cloud.ConnectionString, "upgradeville", NextDay))!.Value.Events);
    }

    [Fact]
    public async Task Rebuilds_running_throughout_ingest_end_with_every_row_the_fold()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "raceville");
        Write(store);
        await using var db = NpgsqlDataSource.Create(Cloud.ConnectionString);
        using var stop = new CancellationTokenSource();
        var rebuilds = 0;
        var rebuilding = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await new ProjectionRebuild(db).RunAsync(new RebuildScope(Check: false, StoreId: "raceville"), TextWriter.Null, CancellationToken.None);
                rebuilds++;
            }
        });
        // One event a batch, so the day's row changes with every batch while the rebuilds run.
        for (long seq = 1; seq <= store.HeadSeq; seq++)
        {
            using var sent = await store.SendAsync(seq, seq, store.HeadSeq);
            Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        }
        await stop.CancelAsync();
        await rebuilding;

        Assert.True(rebuilds > 0);
        var (code, output) = await RunAsync("--check", "--store", "raceville");
        Assert.Equal((0, "checked 2, matched 2, mismatched 0, repaired 0; skipped 0 whose raw events are deleted"), (code, output.Trim()));
    }

    [Fact]
    public async Task A_repair_waits_for_a_batch_being_stored_and_folds_it_in_rather_than_writing_the_fold_before_it()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "waitville");
        Write(store);
        await store.SyncAsync();
        await SqlAsync(Cloud.ConnectionString, "update store_day_figures set events = 0 where store_id = 'waitville' and business_date = '2026-11-25'");
        store.Open(Day);

        // A batch being stored, as StoreJournal.AppendAsync stores it: the store's row, the event, the refold; not committed yet.
        await using var db = NpgsqlDataSource.Create(Cloud.ConnectionString);
        await using var ingest = await db.OpenConnectionAsync();
        await using var tx = await ingest.BeginTransactionAsync();
        await using (var advance = new NpgsqlCommand("update stores set acked_seq = $1, head_seq = $1 where store_id = 'waitville'", ingest, tx))
        {
            advance.Parameters.AddWithValue(store.HeadSeq);
            await advance.ExecuteNonQueryAsync();
        }
        var e = store.Journal[^1];
        await using (var insert = new NpgsqlCommand("""
            insert into store_journal (store_id, seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data)
            values ('waitville', $1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
            """, ingest, tx))
        {
            foreach (var value in new object[] { e.Seq, e.EventId, e.StreamId, e.StreamVersion, e.Type, e.OccurredAt, e.DeviceId, e.BusinessDate!.Value, e.Data })
            {
                insert.Parameters.AddWithValue(value);
            }
            await insert.ExecuteNonQueryAsync();
        }
        await DayFigures.RefoldAsync(ingest, tx, "waitville", Day, 1, CancellationToken.None);

        // The repair waits on the store's row until the batch commits, then folds the batch's event in.
        var repair = RunAsync("--store", "waitville");
        await Poll.UntilAsync(() => SqlAsync(Cloud.ConnectionString,
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%for no key update%'"),
            waiting => waiting is 1L, TimeSpan.FromSeconds(30), "the repair to wait for the store's row");
        Assert.False(repair.IsCompleted);
        await tx.CommitAsync();
        var (code, _) = await repair;
        Assert.Equal(0, code);

        var row = (await RowAsync(Cloud.ConnectionString, "waitville", Day))!.Value;
        Assert.Equal(store.EventsOf(Day).Count, row.Events);
        Assert.Equal(Json(DailyReportBuilder.Build(Day, store.EventsOf(Day))), Json(row.Report));
        Assert.Equal(1, row.Report!.OrdersOpen);
    }

    [Fact]
    public async Task Bad_arguments_end_with_2_and_say_what_is_wrong()
    {
        var (code, output) = await RunAsync("--from", "2026-11-30", "--to", "2026-11-01");
        Assert.Equal(2, code);
        Assert.Contains("--from 2026-11-30 is after --to 2026-11-01", output, StringComparison.Ordinal);
        (code, output) = await RunAsync("--from", "yesterday");
        Assert.Equal(2, code);
        Assert.Contains("bad value for --from: 'yesterday'", output, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var db = NpgsqlDataSource.Create(Cloud.ConnectionString);
        using var output = new StringWriter();
        var code = await ProjectionsCommand.RunAsync([ProjectionsCommand.Name, .. args], db, output, output, CancellationToken.None);
        return (code, output.ToString().Replace("\r", "", StringComparison.Ordinal));
    }

    private async Task<JsonElement> DailyAsync(string storeId = "rebuildville")
    {
        using var response = await Hq.GetAsync($"/cloud/v1/reports/daily?businessDate=2026-11-25&storeId={storeId}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("stores").EnumerateArray()).GetProperty("report").Clone();
    }
}
