using Pos.EndToEnd.Tests.Cloud;
using Pos.Hosting.Systemd;
using Pos.Tests.Shared;

namespace Pos.EndToEnd.Tests.Systemd;

/// <summary>
/// The real processes as systemd starts them (deploy/systemd: Type=notify with WatchdogSec=): a notify socket of the
/// test's own as NOTIFY_SOCKET and a 4 s watchdog (WATCHDOG_USEC), so a ping is due every 2 s.
/// </summary>
public sealed class NotifyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Dictionary<string, string> Systemd(NotifySocket socket) => new()
    {
        [SystemdSetup.NotifySocketVariable] = socket.Path,
        [WatchdogInterval.UsecVariable] = "4000000",
    };

    [Fact]
    public async Task The_appliance_says_ready_pings_the_watchdog_and_says_stopping_on_SIGTERM()
    {
        using var socket = NotifySocket.Bind();
        var dataDir = Directory.CreateTempSubdirectory("pos-notify-").FullName;
        await using var appliance = await ApplianceProcess.StartAsync(await TestPostgres.CreateDatabaseAsync("notify"), dataDir, Systemd(socket));

        await AssertReadyThenPingsAsync(socket);
        Assert.Equal(0, await appliance.StopAsync());
        await AssertStoppingAsync(socket);
    }

    [Fact]
    public async Task A_cloud_silo_says_ready_pings_the_watchdog_and_says_stopping_on_SIGTERM()
    {
        using var socket = NotifySocket.Bind();
        var dataDir = Directory.CreateTempSubdirectory("pos-notify-cloud-").FullName;
        await using var silo = await CloudProcess.StartAsync(await TestPostgres.CreateDatabaseAsync("notifyc"), dataDir, "notify", Systemd(socket));

        await AssertReadyThenPingsAsync(socket);
        await silo.StopAsync(TimeSpan.FromSeconds(60));
        await AssertStoppingAsync(socket);
    }

    [Fact]
    public async Task The_appliance_stops_pinging_while_its_database_is_down_and_pings_again_when_it_is_back()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        using var socket = NotifySocket.Bind();
        var dataDir = Directory.CreateTempSubdirectory("pos-notify-down-").FullName;
        await using var appliance = await ApplianceProcess.StartAsync(postgres.ConnectionString, dataDir, Systemd(socket));
        await AssertReadyThenPingsAsync(socket);

        await postgres.CrashAsync();
        // A ping already on its way may still come; after it, silence for longer than the 4 s watchdog: systemd would
        // kill and restart the process here.
        await Poll.UntilAsync(() => socket.ReceiveAsync(TimeSpan.FromSeconds(6)), m => m is null, Patience, "the pings to stop");

        await postgres.StartAgainAsync();
        await socket.ReceiveUntilAsync("WATCHDOG=1", Patience);
        Assert.Equal("WATCHDOG=1", await socket.ReceiveAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>READY=1 first (nothing before it), then watchdog pings about every 2 s.</summary>
    private static async Task AssertReadyThenPingsAsync(NotifySocket socket)
    {
        Assert.Equal("READY=1", await socket.ReceiveAsync(Patience));
        for (var i = 0; i < 3; i++)
        {
            // Due every 2 s; 10 s allows for a busy machine (a check that misses its 1 s deadline skips one).
            Assert.Equal("WATCHDOG=1", await socket.ReceiveAsync(TimeSpan.FromSeconds(10)));
        }
    }

    /// <summary>STOPPING=1 came (after pings, perhaps), and READY=1 never again.</summary>
    private static async Task AssertStoppingAsync(NotifySocket socket)
    {
        var seen = await socket.ReceiveUntilAsync("STOPPING=1", TimeSpan.FromSeconds(10));
        Assert.All(seen[..^1], m => Assert.Equal("WATCHDOG=1", m));
    }
}
