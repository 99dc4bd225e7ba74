using System.Diagnostics;

namespace Pos.EndToEnd.Tests.Systemd;

/// <summary>
/// The units of deploy/systemd as systemd itself reads them: <c>systemd-analyze verify</c> (from Debian's systemd
/// package; .ci/run installs it) on a copy whose ExecStart names this machine's dotnet, so the check that the program
/// exists holds here too. Any line it writes about a unit (an unknown key, a bad value) fails the test, not only its
/// exit code, which stays 0 for many of them.
/// </summary>
public sealed class UnitVerifyTests
{
    private static readonly string Root = FindRoot();

    [Theory]
    [InlineData("pos-appliance.service")]
    [InlineData("pos-cloud.service")]
    public async Task The_unit_passes_systemd_analyze_verify(string unit)
    {
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        Assert.True(analyze is not null, "systemd-analyze is not installed: run 'apt-get install systemd' (.ci/run does); it checks deploy/systemd's units.");
        var dotnet = Dotnet();
        var text = await File.ReadAllTextAsync(Path.Combine(Root, "deploy", "systemd", unit));
        Assert.Contains("ExecStart=/usr/bin/dotnet ", text, StringComparison.Ordinal);
        var dir = Directory.CreateTempSubdirectory("pos-units-").FullName;
        var copy = Path.Combine(dir, unit);
        await File.WriteAllTextAsync(copy, text.Replace("ExecStart=/usr/bin/dotnet ", $"ExecStart={dotnet} ", StringComparison.Ordinal));

        var start = new ProcessStartInfo(analyze!) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("verify");
        start.ArgumentList.Add(copy);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var said = (await output + await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.True(process.ExitCode == 0, $"systemd-analyze verify {unit} exited {process.ExitCode}:\n{string.Join('\n', said)}");
        Assert.DoesNotContain(said, line => line.Contains(unit, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pos-appliance.service")]
    [InlineData("pos-cloud.service")]
    public async Task The_unit_is_a_notify_service_with_a_watchdog_restarted_always_and_leaves_the_jit_alone(string unit)
    {
        var lines = (await File.ReadAllLinesAsync(Path.Combine(Root, "deploy", "systemd", unit))).Select(l => l.Trim()).ToList();
        Assert.Contains("Type=notify", lines);
        Assert.Contains("Restart=always", lines);
        Assert.Contains(lines, l => l.StartsWith("WatchdogSec=", StringComparison.Ordinal));
        Assert.Contains("User=pos", lines);
        Assert.Contains("ProtectSystem=strict", lines);
        Assert.Contains("NoNewPrivileges=true", lines);
        // .NET's JIT writes code and runs it: MemoryDenyWriteExecute=true would kill the process at its first method.
        Assert.DoesNotContain(lines, l => l.StartsWith("MemoryDenyWriteExecute=", StringComparison.Ordinal));
    }

    /// <summary>This machine's dotnet: the one running the tests, else the first on PATH.</summary>
    private static string Dotnet() =>
        new[] { Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "dotnet")))
            .Append("/usr/bin/dotnet")
            .First(p => p is { Length: > 0 } && File.Exists(p))!;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Appliance.sln above {AppContext.BaseDirectory}.");
    }
}
