using Npgsql;
using Pos.Tests.Shared;
using Pos.Tools;

namespace Pos.EndToEnd.Tests.Crashes;

/// <summary>
/// Found by the chaos suite (seed 310): an appliance SIGKILLed while Hangfire's scheduler held a recurring job's lock
/// (a row in hangfire.lock) left the row behind; the next start waited for it, threw, and stopped the host, start after
/// start, until Hangfire found the row stale ten minutes later.
/// </summary>
public sealed class LeftLockTests
{
    [Fact]
    public async Task An_appliance_restarted_while_a_killed_process_still_holds_the_recurring_jobs_locks_starts_and_takes_orders()
    {
        var db = await TestPostgres.CreateDatabaseAsync("e2e");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-lock-").FullName;
        // A cloud link that never answers: the sync job and its recurring registration run, nothing reaches a cloud.
        await using var cloud = new FaultProxy(new Uri("http://127.0.0.1:9"), ProxyMode.Refuse);
        var link = new Dictionary<string, string>
        {
            ["POS_CLOUD_URL"] = cloud.Address.ToString(),
            ["POS_STORE_ID"] = "left-lock",
            ["POS_STORE_SECRET"] = Convert.ToBase64String(new byte[32]),
        };
        await using (var first = await ApplianceProcess.StartAsync(db, dataDir, link))
        {
            await first.KillAsync();
        }
        // What the killed process's scheduler left: the locks of both recurring jobs, taken just now.
        await using (var conn = new NpgsqlConnection(db))
        {
            await conn.OpenAsync();
            foreach (var job in new[] { "journal-sync", "backup" })
            {
                await using var left = new NpgsqlCommand(
                    "insert into hangfire.lock (resource, updatecount, acquired) values ($1, 0, now() at time zone 'UTC')", conn);
                left.Parameters.AddWithValue($"hangfire:lock:recurring-job:{job}");
                await left.ExecuteNonQueryAsync();
            }
        }

        await using var second = await ApplianceProcess.StartAsync(db, dataDir, link);

        using var client = second.NewClient();
        await client.PutMenuAsync();
        (await client.OpenAsync(Guid.NewGuid())).EnsureSuccessStatusCode();
    }
}
