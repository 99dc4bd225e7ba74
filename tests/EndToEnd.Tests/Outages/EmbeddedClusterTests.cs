using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Pos.Hosting.Database;
using Pos.Tests.Shared;
using Xunit.Abstractions;

namespace Pos.EndToEnd.Tests.Outages;

/// <summary>
/// The appliance as a real process on the embedded cluster of its own data folder (no POS_DB): it restarts a
/// postmaster that was killed, adopts a cluster a killed appliance left running, and stops it on a clean stop.
/// </summary>
public sealed class EmbeddedClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("pos-e2e-embedded-").FullName;
    private EmbeddedPostgres _cluster = null!;

    public Task InitializeAsync()
    {
        _cluster = new EmbeddedPostgres(EmbeddedPostgres.ClusterDirFor(_dataDir), NullLogger.Instance);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        // Whatever a failed test left running.
        _cluster.Stop("immediate");
        foreach (var dir in new[] { _cluster.ClusterDir, _dataDir })
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A folder left behind is harmless.
            }
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_killed_postmaster_is_restarted_by_the_appliance_which_then_serves_again_by_itself()
    {
        await using var appliance = await ApplianceProcess.StartAsync(connectionString: null, _dataDir);
        using var client = appliance.NewClient();
        await client.PutMenuAsync();
        var killed = _cluster.PostmasterPid() ?? throw new InvalidOperationException("The embedded cluster does not run.");

        Signal("-KILL", killed);
        var since = Stopwatch.StartNew();
        // The signal is sent at once but the process ends a moment later: until it has, /proc still shows it running.
        await Poll.UntilAsync(() => Task.FromResult(_cluster.PostmasterPid()), pid => pid != killed, TimeSpan.FromSeconds(10),
            "the killed postmaster to be gone");

        // It comes back by itself: a command succeeds again, on a new postmaster, and the health says it runs.
        var healthSeen = new List<string>();
        await Poll.UntilAsync(async () =>
        {
            using var ready = await client.GetAsync("/health/ready");
            var body = await ready.JsonAsync();
            healthSeen.Add($"{(int)ready.StatusCode} {body.GetProperty("checks").GetProperty("embeddedCluster").GetString()}");
            using var opened = await client.OpenAsync(Guid.NewGuid());
            return opened.StatusCode;
        }, s => s == HttpStatusCode.Created, TimeSpan.FromSeconds(60), "a command to succeed after the postmaster was killed");
        output.WriteLine($"a command succeeded {since.Elapsed.TotalSeconds:0.0} s after the kill; /health/ready meanwhile: {string.Join(" | ", healthSeen.Distinct())}");
        var restarted = _cluster.PostmasterPid();
        Assert.NotNull(restarted);
        Assert.NotEqual(killed, restarted);
        var health = await client.GetJsonAsync("/health/ready");
        Assert.Equal($"running (pid {restarted})", health.GetProperty("checks").GetProperty("embeddedCluster").GetString());

        // The death and the restart are said where a person looks: the log, and /health/ready while it happens.
        var log = await Poll.UntilAsync(() => Task.FromResult(appliance.Output()), l => l.Contains("was restarted", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the restart in the appliance's log");
        Assert.Contains($"The embedded PostgreSQL cluster died (postmaster pid {killed} is gone", log, StringComparison.Ordinal);
        Assert.Contains($"The embedded PostgreSQL cluster was restarted (postmaster pid {restarted}", log, StringComparison.Ordinal);
        Assert.All(healthSeen.Where(h => h.StartsWith("503", StringComparison.Ordinal)),
            h => Assert.Matches(@"^503 (down: postmaster pid \d+ is gone; restarting|restarting \(attempt \d+\))", h));
        Assert.Equal(1, (await client.GetJsonAsync("/api/v1/menu")).GetProperty("version").GetInt32());
        Assert.Equal(0, await appliance.StopAsync());
    }

    [Fact]
    public async Task A_cluster_left_running_by_a_killed_appliance_is_adopted_and_stopped_on_a_clean_stop()
    {
        int postmaster;
        await using (var first = await ApplianceProcess.StartAsync(connectionString: null, _dataDir))
        {
            using var client = first.NewClient();
            await client.PutMenuAsync();
            postmaster = _cluster.PostmasterPid() ?? throw new InvalidOperationException("The embedded cluster does not run.");
            await first.KillAsync();
        }
        Assert.Equal(postmaster, _cluster.PostmasterPid());

        await using var second = await ApplianceProcess.StartAsync(connectionString: null, _dataDir);
        using (var client = second.NewClient())
        {
            // The same server, not a new one, with what the first appliance wrote.
            Assert.Equal(postmaster, _cluster.PostmasterPid());
            var health = await client.GetJsonAsync("/health/ready");
            Assert.Equal($"running (pid {postmaster})", health.GetProperty("checks").GetProperty("embeddedCluster").GetString());
            Assert.Equal(1, (await client.GetJsonAsync("/api/v1/menu")).GetProperty("version").GetInt32());
            Assert.Contains($"Adopted the embedded PostgreSQL cluster left running in {_cluster.DataDir} (postmaster pid {postmaster})",
                second.Output(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await second.StopAsync());
        Assert.Null(_cluster.PostmasterPid());
        Assert.False(File.Exists(_cluster.PidFile), "postmaster.pid is left: the server did not stop cleanly");
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
