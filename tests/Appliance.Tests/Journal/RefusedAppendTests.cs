using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pos.Contracts.Journal;
using Pos.Grains.Journal;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Journal;

/// <summary>
/// One append the database refuses (a value PostgreSQL cannot store) fails alone: the appends committed beside it
/// in the same group commit go on, and the writer is not held up.
/// </summary>
public sealed class RefusedAppendTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private readonly ApplianceFactory _appliance = fixture.Appliance;
    private readonly HttpClient _client = fixture.Client;
    private readonly IJournal _journal = fixture.Appliance.Services.GetRequiredService<IJournal>();

    private static StreamAppend Append(string data) => new(
        $"test-{Guid.NewGuid()}", 0, [new NewEvent(Guid.NewGuid(), "TestEvent", data)], DateTimeOffset.UtcNow, "test", BusinessDate: null);

    [Fact]
    public async Task AnAppendTheDatabaseRefuses_FailsAlone_AndTheRestOfItsBatchCommits()
    {
        var head = await _journal.HeadSeqAsync();
        // Queued together, so they share group commits: jsonb cannot hold \u0000 (22P05).
        var appends = Enumerable.Range(0, 200)
            .Select(i => i % 50 == 7 ? Append("{\"note\":\"nul \\u0000 here\"}") : Append($"{{\"n\":{i}}}"))
            .ToList();
        var results = await Task.WhenAll(appends.Select(a => _journal.AppendAsync(a)));

        var refused = results.Where(r => r.Outcome == AppendOutcome.Refused).ToList();
        Assert.Equal(4, refused.Count);
        Assert.All(refused, r => Assert.Contains("Unicode", r.Reason, StringComparison.Ordinal));
        Assert.Equal(196, results.Count(r => r.Outcome == AppendOutcome.Appended));
        // Gapless: the refused ones took no seq.
        Assert.Equal(Enumerable.Range(1, 196).Select(i => head + i), results.Where(r => r.Outcome == AppendOutcome.Appended).Select(r => r.FirstSeq).Order());
        Assert.Equal(head + 196, await _journal.HeadSeqAsync());
        var page = await _journal.ReadAsync(head, 1_000);
        Assert.Equal(196, page.Events.Count);
        Assert.DoesNotContain(page.Events, e => e.Data.Contains("nul", StringComparison.Ordinal));

        // The writer goes on at once: a command right after is acknowledged.
        var orderId = Guid.NewGuid();
        using var open = await _client.OpenAsync(orderId);
        Assert.Equal(HttpStatusCode.Created, open.StatusCode);
    }

    [Fact]
    public async Task AWriterWhoseConnectionDies_TakesItsLockBack_AndNoOldConnectionKeepsIt()
    {
        (await _client.OpenAsync(Guid.NewGuid())).EnsureSuccessStatusCode();
        await using var admin = new NpgsqlConnection(_appliance.ConnectionString);
        await admin.OpenAsync();
        var holder = await LockHoldersAsync(admin);
        Assert.Single(holder);
        await using (var kill = new NpgsqlCommand("select pg_terminate_backend($1)", admin))
        {
            kill.Parameters.AddWithValue(holder[0]);
            await kill.ExecuteNonQueryAsync();
        }

        // The first command after may find the connection dead (503); within seconds commands succeed again.
        await Poll.UntilAsync(() => _client.OpenAsync(Guid.NewGuid()), r => r.StatusCode == HttpStatusCode.Created,
            TimeSpan.FromSeconds(15), "a command to succeed after the writer's connection was terminated");
        var now = await LockHoldersAsync(admin);
        Assert.Single(now);
        Assert.NotEqual(holder[0], now[0]);
    }

    private static async Task<List<int>> LockHoldersAsync(NpgsqlConnection admin)
    {
        await using var cmd = new NpgsqlCommand(
            "select pid from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())",
            admin);
        var pids = new List<int>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }
        return pids;
    }
}
