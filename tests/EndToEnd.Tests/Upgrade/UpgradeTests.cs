using System.Text.Json.Nodes;
using Npgsql;
using Pos.Appliance.Maintenance;
using Pos.EndToEnd.Tests.Cloud;
using Pos.Tests.Shared;

namespace Pos.EndToEnd.Tests.Upgrade;

/// <summary>
/// The databases of the previous release (tests/Fixtures/previous-release, its commit in manifest.json) restored and
/// opened by the current build, as an upgrade on a store does: every current migration runs forward and is recorded,
/// the journal keeps exactly its rows, and the reports of the fixture's day answer what the previous release answered.
/// </summary>
public sealed class UpgradeTests
{
    [Fact]
    public async Task The_appliance_opens_the_previous_release_database_with_the_same_journal_and_daily_report()
    {
        var fixture = PreviousRelease.Load();
        var db = await fixture.RestoreAsync("appliance.sql");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-upgrade-").FullName;
        await using var appliance = await ApplianceProcess.StartAsync(db, dataDir, new Dictionary<string, string>
        {
            ["POS_TIMEZONE"] = "UTC",
            ["POS_SAMPLE_MENU"] = "",
        });

        Assert.Equal(PreviousRelease.CurrentMigrations("Appliance"), await PreviousRelease.AppliedMigrationsAsync(db));
        Assert.True(JsonNode.DeepEquals(fixture.Manifest["applianceJournal"], await fixture.JournalAsync(db, "journal")),
            $"the journal after the upgrade: {await fixture.JournalAsync(db, "journal")}, before: {fixture.Manifest["applianceJournal"]}");
        using var admin = appliance.NewClient();
        var report = JsonNode.Parse((await admin.GetJsonAsync($"/api/v1/reports/daily?businessDate={fixture.BusinessDate}")).GetRawText());
        var before = fixture.Answer("appliance-daily.json");
        Assert.True(JsonNode.DeepEquals(before, report), $"the daily report after the upgrade:\n{report}\nbefore:\n{before}");

        // Every state kept beside the journal still matches it.
        await using var source = NpgsqlDataSource.Create(db);
        var output = new StringWriter();
        Assert.True(await RebuildCommand.RunAsync(["rebuild", "--check"], source, output, output, CancellationToken.None) == 0, output.ToString());
    }

    [Fact]
    public async Task The_cloud_opens_the_previous_release_database_with_the_same_journal_and_hq_daily_report()
    {
        var fixture = PreviousRelease.Load();
        var db = await fixture.RestoreAsync("cloud.sql");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-upgrade-cloud-").FullName;
        await using var cloud = await CloudProcess.StartAsync(db, dataDir, clusterId: "upgrade");

        Assert.Equal(PreviousRelease.CurrentMigrations("Cloud"), await PreviousRelease.AppliedMigrationsAsync(db));
        Assert.True(JsonNode.DeepEquals(fixture.Manifest["cloudJournal"], await fixture.JournalAsync(db, "store_journal")),
            $"the cloud's journal after the upgrade: {await fixture.JournalAsync(db, "store_journal")}, before: {fixture.Manifest["cloudJournal"]}");
        using var hq = cloud.NewClient();
        var path = $"/cloud/v1/reports/daily?businessDate={fixture.BusinessDate}&storeId={fixture.StoreId}";
        // The silo serves HTTP before its grains read the figures: poll for the answer with a deadline.
        var report = await Poll.UntilAsync(
            async () =>
            {
                using var answer = await hq.GetAsync(path);
                return answer.IsSuccessStatusCode ? JsonNode.Parse(await answer.Content.ReadAsStringAsync()) : null;
            },
            r => r is not null,
            TimeSpan.FromSeconds(60),
            "the HQ daily report");
        var before = fixture.Answer("cloud-daily.json");
        Assert.True(JsonNode.DeepEquals(before, report), $"the HQ daily report after the upgrade:\n{report}\nbefore:\n{before}");
    }
}
