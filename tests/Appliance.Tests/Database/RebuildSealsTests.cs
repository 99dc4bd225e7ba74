using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pos.Appliance.Database;
using Pos.Appliance.Maintenance;
using Pos.Appliance.Sync;
using Pos.Grains.Clock;
using Pos.Grains.Journal;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Database;

/// <summary>
/// The rebuild's checks that no rebuild can mend: a day seal whose counts disagree with the journal's events of its
/// date, and a sync checkpoint past the journal's head. Both are found by --check and leave the rebuild's exit code 1.
/// </summary>
public sealed class RebuildSealsTests
{
    [Fact]
    public async Task A_sealed_day_matches_and_a_seal_or_checkpoint_that_disagrees_with_the_journal_is_reported_not_mended()
    {
        await using var appliance = await ApplianceFactory.StartAsync();
        using var admin = appliance.NewClient();
        await admin.PutMenuAsync();
        var orderId = Guid.NewGuid();
        (await admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
        (await admin.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();
        var due = (await admin.GetJsonAsync($"/api/v1/orders/{orderId}")).GetProperty("balanceMinor").GetInt64();
        (await admin.PayAsync(orderId, "cash", due)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { })).EnsureSuccessStatusCode();
        // The sealer runs with the cloud link; this appliance has none, so the test runs one on its services.
        var sealer = new DaySealer(appliance.Services.GetRequiredService<IJournal>(), appliance.Services.GetRequiredService<PosDatabase>(),
            appliance.Services.GetRequiredService<StoreClock>(), appliance.Time);
        appliance.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await sealer.SealDueAsync(CancellationToken.None));

        await using var db = NpgsqlDataSource.Create(appliance.ConnectionString);
        var (code, output) = await RunAsync(db, "--check");
        Assert.True(code == 0 && output.Contains("0 differ", StringComparison.Ordinal), output);

        // A seal that counts one event more than its date has (written past the journal's guard, as a bad restore might).
        await using (var spoil = db.CreateCommand("""
            alter table journal disable trigger journal_append_only;
            update journal set data = jsonb_set(data, '{eventCount}', to_jsonb((data->>'eventCount')::bigint + 1)) where type = 'BusinessDaySealed';
            alter table journal enable trigger journal_append_only;
            update sync_checkpoint set acked_seq = (select max(seq) from journal) + 5;
            """))
        {
            await spoil.ExecuteNonQueryAsync();
        }
        (code, output) = await RunAsync(db, "--check");
        Assert.True(code == RebuildCommand.Mismatch, output);
        Assert.Contains("day ", output, StringComparison.Ordinal);
        Assert.Contains("sync:", output, StringComparison.Ordinal);
        (code, output) = await RunAsync(db);
        Assert.True(code == RebuildCommand.Mismatch && output.Contains("2 cannot be repaired", StringComparison.Ordinal), output);
    }

    private static async Task<(int Code, string Output)> RunAsync(NpgsqlDataSource db, params string[] options)
    {
        var output = new StringWriter();
        var code = await RebuildCommand.RunAsync(["rebuild", .. options], db, output, output, CancellationToken.None);
        return (code, output.ToString());
    }
}
