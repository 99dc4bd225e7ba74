using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Pos.EndToEnd.Tests.Cloud;
using Pos.Tests.Shared;
using Pos.Tools;

namespace Pos.EndToEnd.Tests.Secrets;

/// <summary>
/// The admin token never reaches the console (which ends up in journald and log files): not in the start-up banner,
/// not in a log line, not after failed authentications; a token too short to be safe stops the process at start.
/// </summary>
public sealed class AdminTokenTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_banner_and_the_logs_never_show_the_token_and_a_burst_of_failures_is_logged_once()
    {
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-secrets-").FullName;
        await using var appliance = await ApplianceProcess.StartAsync(await TestPostgres.CreateDatabaseAsync("e2esecret"), dataDir,
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information" });
        var banner = await Poll.UntilAsync(() => Task.FromResult(appliance.Output()), o => o.Contains("Try:", StringComparison.Ordinal),
            Within, "the start-up banner");
        Assert.Contains("Admin token:  from POS_ADMIN_TOKEN (not shown)", banner, StringComparison.Ordinal);
        Assert.Contains("curl -H \"Authorization: Bearer $POS_ADMIN_TOKEN\"", banner, StringComparison.Ordinal);

        // Guesses that hold the token itself (a log line that printed what was sent would print it), as bearer and as
        // the dashboard's Basic password, from one address: twenty fail, then that address is answered 429.
        using var admin = appliance.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/devices")).StatusCode);
        using var guesser = LoopbackAddress.NewClient("127.0.0.9", appliance.BaseAddress);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/devices");
            request.Headers.Authorization = i % 2 == 0
                ? new AuthenticationHeaderValue("Bearer", ApplianceProcess.AdminToken + i)
                : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{ApplianceProcess.AdminToken}{i}")));
            using var response = await guesser.SendAsync(request);
            answers.Add(response.StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 20).Concat(Enumerable.Repeat((HttpStatusCode)429, 10)), answers);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/devices")).StatusCode);

        var output = await Poll.UntilAsync(() => Task.FromResult(appliance.Output()),
            o => o.Contains("failed to authenticate", StringComparison.Ordinal), Within, "the warning about the failed authentications");
        var warnings = output.Split('\n').Where(l => l.Contains("failed to authenticate", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.Contains("127.0.0.9 failed to authenticate 20 times", output, StringComparison.Ordinal);
        Assert.DoesNotContain("was not authenticated", output, StringComparison.Ordinal);
        Assert.DoesNotContain(ApplianceProcess.AdminToken, output, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_generated_token_is_kept_in_the_data_folder_and_the_banner_says_where_not_what()
    {
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-secrets-").FullName;
        await using var appliance = await ApplianceProcess.StartAsync(await TestPostgres.CreateDatabaseAsync("e2esecret"), dataDir,
            new Dictionary<string, string> { ["POS_ADMIN_TOKEN"] = "", ["Logging__LogLevel__Default"] = "Information" });
        var kept = Path.Combine(dataDir, "admin-token");
        var banner = await Poll.UntilAsync(() => Task.FromResult(appliance.Output()), o => o.Contains("Try:", StringComparison.Ordinal),
            Within, "the start-up banner");

        var token = (await File.ReadAllTextAsync(kept)).Trim();
        Assert.True(token.Length >= 32, $"a generated token of {token.Length} characters");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kept));
        Assert.Contains($"Admin token:  kept in {kept} (not shown)", banner, StringComparison.Ordinal);
        Assert.Contains($"curl -H \"Authorization: Bearer $(cat '{kept}')\"", banner, StringComparison.Ordinal);
        Assert.DoesNotContain(token, banner, StringComparison.Ordinal);
        using var admin = PosClient.NewClient(appliance.BaseAddress, token);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/devices")).StatusCode);
    }

    [Fact]
    public async Task A_token_under_32_characters_stops_the_appliance_and_the_cloud_at_start_naming_where_it_came_from()
    {
        var appliance = Path.Combine(AppContext.BaseDirectory, "Pos.Appliance.dll");
        var cloud = Path.Combine(CloudProcess.OutputDir(), "Pos.Cloud.dll");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-secrets-").FullName;

        var (code, output) = await RunToExitAsync(appliance, dataDir, ("POS_ADMIN_TOKEN", "short-but-not-enough-31-chars.."));
        Assert.Equal(2, code);
        Assert.Contains("error: POS_ADMIN_TOKEN holds a token of 31 characters; an admin token needs at least 32.", output, StringComparison.Ordinal);

        (code, output) = await RunToExitAsync(cloud, dataDir, ("POS_CLOUD_ADMIN_TOKEN", "hq"));
        Assert.Equal(2, code);
        Assert.Contains("error: POS_CLOUD_ADMIN_TOKEN holds a token of 2 characters", output, StringComparison.Ordinal);

        // A token someone wrote into the kept file is held to the same rule, and the error names the file.
        var kept = Path.Combine(dataDir, "admin-token");
        await File.WriteAllTextAsync(kept, "hand-made\n");
        (code, output) = await RunToExitAsync(appliance, dataDir);
        Assert.Equal(2, code);
        Assert.Contains($"error: {kept} holds a token of 9 characters", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hand-made", output, StringComparison.Ordinal);
    }

    /// <summary>Runs a server's dll with POS_DATA and <paramref name="settings"/> until it exits (it should, at once).</summary>
    private static async Task<(int ExitCode, string Output)> RunToExitAsync(string dll, string dataDir, params (string Name, string Value)[] settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["POS_DATA"] = dataDir;
        start.Environment["POS_ADMIN_TOKEN"] = "";
        start.Environment["POS_CLOUD_ADMIN_TOKEN"] = "";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(dll)} did not stop within a minute with a token it should refuse.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
