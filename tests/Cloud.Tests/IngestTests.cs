using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pos.Cloud.Stores;
using Pos.Contracts.Journal;
using Pos.Contracts.Sync;

namespace Pos.Cloud.Tests;

/// <summary>Signed journal batches into the cloud: once, in order, overlap skipped, gaps and conflicts refused.</summary>
public sealed class IngestTests : CloudTest
{
    [Fact]
    public async Task A_store_is_registered_with_a_secret_shown_once()
    {
        using var created = await Hq.PutAsJsonAsync("/cloud/v1/stores/downtown", new { name = "Downtown", timeZone = "America/New_York" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await Json(created)).GetProperty("secret").GetString();
        Assert.False(string.IsNullOrEmpty(secret));

        using var again = await Hq.PutAsJsonAsync("/cloud/v1/stores/downtown", new { name = "Downtown East", timeZone = "America/New_York" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await Json(again)).GetProperty("secret").ValueKind);

        var stores = (await Json(await Hq.GetAsync("/cloud/v1/stores"))).GetProperty("stores");
        var store = Assert.Single(stores.EnumerateArray());
        Assert.Equal("Downtown East", store.GetProperty("name").GetString());
        Assert.Equal(0, store.GetProperty("ackedSeq").GetInt64());

        using var anonymous = Cloud.NewClient(token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/cloud/v1/stores")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/cloud/v1/stores/x", new { name = "X", timeZone = "UTC" })).StatusCode);
    }

    [Fact]
    public async Task Batches_land_once_in_seq_order_and_a_retried_or_overlapping_batch_adds_nothing()
    {
        var secret = await RegisterAsync("a");
        var events = Events(1, 6);

        Assert.Equal(3, await AckedAsync(await SendAsync("a", secret, events[..3])));
        Assert.Equal(3, await AckedAsync(await SendAsync("a", secret, events[..3]))); // the same batch again
        Assert.Equal(6, await AckedAsync(await SendAsync("a", secret, events[1..]))); // overlaps 2..3

        var stored = await StoredAsync("a");
        Assert.Equal(events.Select(e => (e.Seq, e.EventId)), stored.Select(s => (s.Seq, s.EventId)));
        Assert.All(stored.Zip(events), p => Assert.Equal(
            JsonDocument.Parse(p.Second.Data).RootElement.GetProperty("n").GetInt32(),
            JsonDocument.Parse(p.First.Data).RootElement.GetProperty("n").GetInt32()));
        var store = (await Json(await Hq.GetAsync("/cloud/v1/stores"))).GetProperty("stores")[0];
        Assert.Equal(6, store.GetProperty("ackedSeq").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, store.GetProperty("lastSyncAt").ValueKind);
    }

    [Fact]
    public async Task A_gap_or_a_conflicting_event_is_refused_and_changes_nothing()
    {
        var secret = await RegisterAsync("a");
        var events = Events(1, 5);
        await SendAsync("a", secret, events[..3]);

        using var gap = await SendAsync("a", secret, events[4..]);
        Assert.Equal(HttpStatusCode.Conflict, gap.StatusCode);
        var problem = await Json(gap);
        Assert.Equal("journal-gap", problem.GetProperty("code").GetString());
        Assert.Equal(4, problem.GetProperty("expectedSeq").GetInt64());

        var other = events[2] with { EventId = Guid.NewGuid() };
        using var conflict = await SendAsync("a", secret, [other, events[3]]);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("journal-conflict", (await Json(conflict)).GetProperty("code").GetString());

        // An eventId the cloud holds at another seq is a conflict too.
        using var reused = await SendAsync("a", secret, [events[3] with { EventId = events[0].EventId }]);
        Assert.Equal("journal-conflict", (await Json(reused)).GetProperty("code").GetString());

        Assert.Equal(events[..3].Select(e => e.EventId), (await StoredAsync("a")).Select(s => s.EventId));
        Assert.Equal(3, (await Json(await Hq.GetAsync("/cloud/v1/stores"))).GetProperty("stores")[0].GetProperty("ackedSeq").GetInt64());
    }

    [Fact]
    public async Task A_checkpoint_another_activation_moved_is_read_again_rather_than_refused()
    {
        var secret = await RegisterAsync("a");
        var events = Events(1, 15);
        Assert.Equal(3, await AckedAsync(await SendAsync("a", secret, events[..3])));
        // Another activation of the store (on a silo this one does not know is alive) stores 4..6: this activation
        // still remembers 3, so 7..9 looks like a gap to it.
        var journal = Cloud.Services.GetRequiredService<StoreJournal>();
        Assert.True((await journal.AppendAsync("a", 3, Entries(events[3..6]))).Stored);
        Assert.Equal(9, await AckedAsync(await SendAsync("a", secret, events[6..9])));

        // And a batch that overlaps what the other activation stored meanwhile finds its checkpoint moved.
        Assert.True((await journal.AppendAsync("a", 9, Entries(events[9..12]))).Stored);
        Assert.Equal(15, await AckedAsync(await SendAsync("a", secret, events[9..])));
        // A writer whose checkpoint is out of date stores nothing and learns the one the database has.
        Assert.Equal(new StoreAppendResult(false, 15), await journal.AppendAsync("a", 9, Entries(events[9..12])));

        Assert.Equal(events.Select(e => (e.Seq, e.EventId)), (await StoredAsync("a")).Select(s => (s.Seq, s.EventId)));
    }

    [Fact]
    public async Task A_bad_or_stale_signature_gets_401_and_one_store_cannot_write_another()
    {
        var secretA = await RegisterAsync("a");
        await RegisterAsync("b");
        var events = Events(1, 2);

        using var wrong = await SendAsync("a", Convert.ToBase64String(new byte[32]), events);
        using var stale = await SendAsync("a", secretA, events, signedAt: DateTimeOffset.UtcNow.AddMinutes(-10));
        using var unsigned = await SendAsync("a", secretA, events, signature: "");
        using var crossStore = await SendAsync("b", secretA, events);
        foreach (var response in new[] { wrong, stale, unsigned, crossStore })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("unauthorized", (await Json(response)).GetProperty("code").GetString());
        }
        Assert.Contains("five minutes", (await Json(stale)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A body changed after signing does not pass either.
        var body = Body(events);
        var header = BatchSignature.Sign(Convert.FromBase64String(secretA), DateTimeOffset.UtcNow, body);
        body[^2] = (byte)' ';
        using var tampered = await PostAsync("a", body, header);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);

        Assert.Empty(await StoredAsync("a"));
        Assert.Empty(await StoredAsync("b"));
    }

    [Fact]
    public async Task An_odd_batch_body_gets_a_problem_naming_what_is_wrong_and_changes_nothing()
    {
        var secret = Convert.FromBase64String(await RegisterAsync("a"));
        var e = Events(1, 1)[0];
        var fields = $$"""
            "seq":1,"eventId":"{{e.EventId}}","streamId":"{{e.StreamId}}","streamVersion":1,"type":"OrderOpened",
            "occurredAt":"2026-11-25T12:00:00Z","deviceId":"till-1","businessDate":"2026-11-25"
            """;
        foreach (var (body, code, field) in new[]
        {
            ("""{"events":[null]}""", "validation-failed", "events[0]"),
            ($$"""{"events":[{{{fields}},"data":5}]}""", "validation-failed", "events[0].data"),
            ($$"""{"events":[{{{fields}}}]}""", "validation-failed", "events[0].data"),
            ("""{"headSeq":3}""", "validation-failed", "events"),
            ("""{"events":"all of them"}""", "validation-failed", "events"),
            ("""{"events":[""", "malformed-json", null),
            ("""{"events":[]} {"events":[]}""", "malformed-json", null),
            // Read strictly, like the appliance's requests: names are case-sensitive, each field once, no unknown field.
            ("""{"Events":[]}""", "validation-failed", "Events"),
            ("""{"events":[],"events":[]}""", "validation-failed", "events"),
            (One(fields, """ "data":{},"extra":1 """), "validation-failed", "events[0].extra"),
            // PostgreSQL refuses NUL in text and in jsonb: a 400 naming the field, never a 500.
            (One(fields.Replace("till-1", "till\\u00001", StringComparison.Ordinal), """ "data":{} """), "validation-failed", "events[0].deviceId"),
            (One(fields.Replace("OrderOpened", "Order\\u0007Opened", StringComparison.Ordinal), """ "data":{} """), "validation-failed", "events[0].type"),
            (One(fields.Replace(e.StreamId, "order\\nx", StringComparison.Ordinal), """ "data":{} """), "validation-failed", "events[0].streamId"),
            (One(fields, """ "data":{"note":"no\u0000onion"} """), "validation-failed", "events[0].data"),
            (One(fields, """ "data":{"lines":[{"n\u0000":1}]} """), "validation-failed", "events[0].data"),
            (One(fields, """ "data":{"note":"\ud800"} """), "validation-failed", "events[0].data"),
        })
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            using var response = await PostAsync("a", bytes, BatchSignature.Sign(secret, DateTimeOffset.UtcNow, bytes));
            var problem = await Json(response);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body} => {problem}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(code, problem.GetProperty("code").GetString());
            if (field is not null)
            {
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body} => {problem}");
            }
        }
        Assert.Empty(await StoredAsync("a"));

        // Text a person reads may hold escapes, newlines and control characters other than NUL: jsonb stores them.
        var fine = Encoding.UTF8.GetBytes(One(fields, """ "data":{"note":"two\nlines \u0007 \u00e9 \ud83c\udf54 \\u0000"} """));
        Assert.Equal(1, await AckedAsync(await PostAsync("a", fine, BatchSignature.Sign(secret, DateTimeOffset.UtcNow, fine))));
        Assert.Equal("two\nlines \u0007 \u00e9 \U0001F354 \\u0000",
            JsonDocument.Parse(Assert.Single(await StoredAsync("a")).Data).RootElement.GetProperty("note").GetString());
    }

    /// <summary>A batch of one event: its <paramref name="fields"/>, then <paramref name="more"/>.</summary>
    private static string One(string fields, string more) => "{\"events\":[{" + fields + "," + more.Trim() + "}]}";

    private async Task<string> RegisterAsync(string storeId)
    {
        using var response = await Hq.PutAsJsonAsync($"/cloud/v1/stores/{storeId}", new { name = storeId, timeZone = "UTC" });
        response.EnsureSuccessStatusCode();
        return (await Json(response)).GetProperty("secret").GetString()!;
    }

    private static Event[] Events(int from, int to) => [.. Enumerable.Range(from, to - from + 1).Select(i => new Event(
        i, Guid.CreateVersion7(), $"order-{Guid.NewGuid()}", 1, "OrderOpened", DateTimeOffset.UtcNow, "admin", new DateOnly(2026, 11, 25),
        $$"""{"n": {{i}}}"""))];

    private static List<JournalEntry> Entries(IEnumerable<Event> events) => [.. events.Select(e => new JournalEntry(
        e.Seq, e.EventId, e.StreamId, e.StreamVersion, e.Type, e.OccurredAt, e.DeviceId, e.BusinessDate, e.Data))];

    private static byte[] Body(IEnumerable<Event> events) => JournalBatch.Write(Entries(events), headSeq: null);

    private Task<HttpResponseMessage> SendAsync(string storeId, string secret, IEnumerable<Event> events, DateTimeOffset? signedAt = null, string? signature = null)
    {
        var body = Body(events);
        return PostAsync(storeId, body, signature ?? BatchSignature.Sign(Convert.FromBase64String(secret), signedAt ?? DateTimeOffset.UtcNow, body));
    }

    private async Task<HttpResponseMessage> PostAsync(string storeId, byte[] body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/cloud/v1/stores/{storeId}/journal") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (signature.Length > 0)
        {
            request.Headers.Add(BatchSignature.Header, signature);
        }
        using var client = Cloud.NewClient(token: null);
        return await client.SendAsync(request);
    }

    private static async Task<long> AckedAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await Json(response);
            Assert.True(response.IsSuccessStatusCode, body.ToString());
            return body.GetProperty("ackedSeq").GetInt64();
        }
    }

    private async Task<List<Event>> StoredAsync(string storeId)
    {
        await using var conn = new NpgsqlConnection(Cloud.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data::text from store_journal where store_id = $1 order by seq", conn);
        cmd.Parameters.AddWithValue(storeId);
        var list = new List<Event>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(new Event(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6), reader.GetFieldValue<DateOnly>(7), reader.GetString(8)));
        }
        return list;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private sealed record Event(long Seq, Guid EventId, string StreamId, int StreamVersion, string Type, DateTimeOffset OccurredAt, string DeviceId, DateOnly BusinessDate, string Data);
}
