using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;
using Pos.Appliance.Maintenance;
using Pos.Tests.Shared;

namespace Pos.EndToEnd.Tests.Upgrade;

/// <summary>
/// <c>dotnet Pos.Appliance.dll rebuild [--check]</c> after real orders: every stored state matches the journal; a
/// stored state spoiled on purpose is found by --check (exit code 1) and repaired by the rebuild, and the appliance
/// started again answers from the journal's state.
/// </summary>
public sealed class RebuildTests
{
    [Fact]
    public async Task Rebuild_check_matches_after_real_orders_finds_a_spoiled_menu_copy_and_the_rebuild_repairs_it()
    {
        var db = await TestPostgres.CreateDatabaseAsync("rebuild");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-rebuild-").FullName;
        var environment = new Dictionary<string, string> { ["POS_SAMPLE_MENU"] = "" };
        await using (var appliance = await ApplianceProcess.StartAsync(db, dataDir, environment))
        {
            using var admin = appliance.NewClient();
            await admin.PutMenuAsync();
            for (var i = 0; i < 3; i++)
            {
                var orderId = Guid.NewGuid();
                (await admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
                (await admin.AddLineAsync(orderId, Guid.NewGuid(), "burger", 2)).EnsureSuccessStatusCode();
                (await admin.AddLineAsync(orderId, Guid.NewGuid(), "ipa", 1)).EnsureSuccessStatusCode();
                (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { })).EnsureSuccessStatusCode();
                var due = (await admin.GetJsonAsync($"/api/v1/orders/{orderId}")).GetProperty("balanceMinor").GetInt64();
                (await admin.PayAsync(orderId, "card", due)).EnsureSuccessStatusCode();
                (await admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/close", new { })).EnsureSuccessStatusCode();
            }
            Assert.Equal(0, await appliance.StopAsync());
        }

        await using var source = NpgsqlDataSource.Create(db);
        var (code, output) = await RunAsync(source, "--check");
        Assert.True(code == 0, output);
        Assert.Contains("0 differ", output, StringComparison.Ordinal);

        // The menu grain's stored copy says the burger costs 1 (the journal says 1250).
        await using (var spoil = source.CreateCommand("""
            update orleansstorage set payloadbinary = convert_to(replace(convert_from(payloadbinary, 'UTF8'), '1250', '1'), 'UTF8')
            where graintypestring = 'menu'
            """))
        {
            Assert.Equal(1, await spoil.ExecuteNonQueryAsync());
        }
        var (exit, text) = await RunProcessAsync(db, dataDir, "rebuild", "--check");
        Assert.True(exit == RebuildCommand.Mismatch, $"exit {exit}: {text}");
        Assert.Contains("menu:", text, StringComparison.Ordinal);

        (code, output) = await RunAsync(source);
        Assert.True(code == 0 && output.Contains("menu: repaired", StringComparison.Ordinal), output);
        (code, output) = await RunAsync(source, "--check");
        Assert.True(code == 0, output);

        // Started again, the appliance answers the journal's menu, and stores it again as the journal has it.
        await using (var again = await ApplianceProcess.StartAsync(db, dataDir, environment))
        {
            using var admin = again.NewClient();
            var menu = await admin.GetJsonAsync("/api/v1/menu");
            Assert.Equal(1250, menu.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "burger").GetProperty("priceMinor").GetInt64());
            Assert.Equal(0, await again.StopAsync());
        }
        (code, output) = await RunAsync(source, "--check");
        Assert.True(code == 0, output);
    }

    private static async Task<(int Code, string Output)> RunAsync(NpgsqlDataSource source, params string[] options)
    {
        var output = new StringWriter();
        var code = await RebuildCommand.RunAsync(["rebuild", .. options], source, output, output, CancellationToken.None);
        return (code, output.ToString());
    }

    /// <summary>The command as an operator runs it: <c>dotnet Pos.Appliance.dll rebuild …</c> on POS_DB.</summary>
    private static async Task<(int Code, string Output)> RunProcessAsync(string db, string dataDir, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pos.Appliance.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["POS_DB"] = db;
        start.Environment["POS_DATA"] = dataDir;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await errors);
    }
}
