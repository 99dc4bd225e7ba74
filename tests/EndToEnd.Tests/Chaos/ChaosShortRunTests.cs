using Pos.Chaos;
using Pos.Chaos.Faults;
using Pos.EndToEnd.Tests.Cloud;
using Xunit.Abstractions;

namespace Pos.EndToEnd.Tests.Chaos;

/// <summary>
/// The short chaos run CI runs (docs/RELIABILITY.md): the whole store as real processes, four devices taking orders,
/// every kind of fault once (appliance SIGKILL, PostgreSQL immediate restart, power cut, silo SIGKILL, the cloud link
/// cut, and a printer offline, out of paper and dropping mid-ticket), then the checker.
/// </summary>
public sealed class ChaosShortRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_short_run_with_every_fault_kind_loses_nothing_doubles_nothing_and_the_cloud_equals_the_store()
    {
        var dir = Directory.CreateTempSubdirectory("pos-chaos-").FullName;
        var options = new ChaosOptions
        {
            Cycles = 5,
            Seed = 16,
            Devices = 4,
            DataDir = dir,
            ApplianceDll = Path.Combine(AppContext.BaseDirectory, "Pos.Appliance.dll"),
            CloudDll = Path.Combine(CloudProcess.OutputDir(), "Pos.Cloud.dll"),
        };
        using var log = new StringWriter();

        var result = await ChaosRun.RunAsync(options, log, CancellationToken.None);

        output.WriteLine(log.ToString());
        output.WriteLine(result.Table());
        Assert.True(result.Passed, $"{string.Join('\n', result.Findings())}\n{result.Table()}");
        Assert.All(Enum.GetValues<FaultKind>(), kind => Assert.True(result.Recoveries.ContainsKey(kind), $"no {FaultNames.Of(kind)} in the run"));
        Assert.True(result.Commands!.Acknowledged > 100, $"only {result.Commands.Acknowledged} commands acknowledged");
        Assert.Equal(result.Commands.Sent, result.Commands.Acknowledged);
        Assert.True(result.Printing!.Tickets >= result.Printing.Jobs);
        Directory.Delete(dir, recursive: true);
    }
}
