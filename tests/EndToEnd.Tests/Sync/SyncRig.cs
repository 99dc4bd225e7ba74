using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Pos.EndToEnd.Tests.Cloud;
using Pos.Tests.Shared;
using Pos.Tools;

namespace Pos.EndToEnd.Tests.Sync;

/// <summary>
/// A cloud silo as a real process on its own PostgreSQL database, behind a <see cref="FaultProxy"/> the test
/// switches, with the HQ client and the checks every sync test needs.
/// </summary>
public sealed class SyncRig : IAsyncDisposable
{
    private SyncRig(CloudProcess cloud, string cloudDb, FaultProxy proxy)
    {
        Cloud = cloud;
        CloudDb = cloudDb;
        Proxy = proxy;
        Hq = cloud.NewClient();
    }

    public CloudProcess Cloud { get; }
    public string CloudDb { get; }
    public FaultProxy Proxy { get; }
    public HttpClient Hq { get; }

    public static async Task<SyncRig> StartAsync(ProxyMode mode)
    {
        var db = await TestPostgres.CreateDatabaseAsync("cloud");
        var cloud = await CloudProcess.StartAsync(db, Directory.CreateTempSubdirectory("pos-e2e-cloud-").FullName);
        return new SyncRig(cloud, db, new FaultProxy(cloud.BaseAddress, mode));
    }

    /// <summary>Registers a store and returns the appliance settings that link it to this cloud through the proxy.</summary>
    public async Task<Dictionary<string, string>> LinkAsync(string storeId)
    {
        using var created = await Hq.PutAsJsonAsync($"/cloud/v1/stores/{storeId}", new { name = storeId, timeZone = "America/New_York" });
        created.EnsureSuccessStatusCode();
        var secret = (await created.JsonAsync()).GetProperty("secret").GetString()!;
        return new Dictionary<string, string>
        {
            ["POS_CLOUD_URL"] = Proxy.Address.ToString(),
            ["POS_STORE_ID"] = storeId,
            ["POS_STORE_SECRET"] = secret,
            // Tests wait for a reconnection in seconds, not the minute an operator's store waits at most.
            ["POS_SYNC_MAX_BACKOFF"] = "2",
            // An answer the proxy swallows is given up after 5 s, not the 30 s a slow uplink needs.
            ["POS_SYNC_TIMEOUT"] = "5",
            ["POS_SYNC_MENU_EVERY"] = "1",
        };
    }

    /// <summary>The cloud's copy of a store's journal: (seq, eventId, data) in seq order, straight from its database.</summary>
    public async Task<List<(long Seq, Guid EventId, JsonNode? Data)>> CloudJournalAsync(string storeId)
    {
        await using var conn = new NpgsqlConnection(CloudDb);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select seq, event_id, data::text from store_journal where store_id = $1 order by seq", conn);
        cmd.Parameters.AddWithValue(storeId);
        var rows = new List<(long, Guid, JsonNode?)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetGuid(1), JsonNode.Parse(reader.GetString(2))));
        }
        return rows;
    }

    /// <summary>Asserts the cloud holds exactly the appliance's journal: same seqs, eventIds and data, each once.</summary>
    public async Task AssertCloudEqualsJournalAsync(string storeId, HttpClient appliance)
    {
        // The store may still be writing (a printer's confirmation lands just after its ticket, after the sync said it
        // was done): wait until the cloud holds as many events as the journal, then compare them one by one.
        var (journal, cloud) = await Poll.UntilAsync(
            async () => (Journal: await appliance.ReadJournalAsync(), Cloud: await CloudJournalAsync(storeId)),
            x => x.Journal.Count == x.Cloud.Count, TimeSpan.FromSeconds(60), "the cloud to hold as many events as the journal");
        Assert.Equal(journal.Count, cloud.Count);
        Assert.Equal(journal.Select(e => (e.GetProperty("seq").GetInt64(), e.GetProperty("eventId").GetGuid())), cloud.Select(c => (c.Seq, c.EventId)));
        foreach (var (store, copy) in journal.Zip(cloud))
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(store.GetProperty("data").GetRawText()), copy.Data),
                $"seq {copy.Seq}: the cloud's data {copy.Data?.ToJsonString()} differs from the store's {store.GetProperty("data").GetRawText()}");
        }
    }

    /// <summary>The HQ daily report's entry for one store and date.</summary>
    public async Task<JsonElement> CloudReportAsync(string storeId, DateOnly date)
    {
        var report = await Hq.GetJsonAsync($"/cloud/v1/reports/daily?businessDate={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&storeId={storeId}");
        return report.GetProperty("stores").EnumerateArray().Single(s => s.GetProperty("storeId").GetString() == storeId);
    }

    public static Task<JsonElement> SyncStatusAsync(HttpClient appliance) => appliance.GetJsonAsync("/api/v1/sync/status");

    /// <summary>Waits until the appliance says the cloud has its whole journal.</summary>
    public static Task<JsonElement> DrainedAsync(HttpClient appliance, TimeSpan timeout) => Poll.UntilAsync(
        () => SyncStatusAsync(appliance),
        s => s.GetProperty("pending").GetInt64() == 0 && s.GetProperty("ackedSeq").GetInt64() == s.GetProperty("journalHeadSeq").GetInt64()
            && s.GetProperty("journalHeadSeq").GetInt64() > 0,
        timeout, "the appliance to have sent its whole journal to the cloud");

    public async ValueTask DisposeAsync()
    {
        Hq.Dispose();
        await Proxy.DisposeAsync();
        await Cloud.DisposeAsync();
    }
}
