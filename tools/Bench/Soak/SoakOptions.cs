using System.CommandLine;
using Pos.Bench.Backlog;

namespace Pos.Bench.Soak;

/// <summary>The options of <c>Pos.Bench soak</c>; the initial values are the defaults the command line shows.</summary>
internal sealed record SoakOptions
{
    public string ApplianceDll { get; init; } = "";
    public string CloudDll { get; init; } = "";
    public string Pg { get; init; } = "";
    public string PgBenchPath { get; init; } = "/usr/lib/postgresql/15/bin/pgbench";
    public int Minutes { get; init; } = 10;
    public int WarmupSeconds { get; init; } = 60;
    public int Rate { get; init; } = 100;
    public int Devices { get; init; } = 8;
    public int PgBenchSeconds { get; init; } = 30;
    public int AppliancePort { get; init; } = 5084;
    public int CloudPort { get; init; } = 5193;
    public string WorkDir { get; init; } = "bench-soak";
    public string? MarkdownPath { get; init; }

    /// <summary>The <c>soak</c> subcommand: reads its options and hands them to <paramref name="run"/>.</summary>
    public static Command CreateCommand(Func<SoakOptions, CancellationToken, Task<int>> run)
    {
        var defaults = new SoakOptions();
        var applianceDll = BacklogOptions.ExistingFile("--appliance-dll", "The built Pos.Appliance.dll");
        var cloudDll = BacklogOptions.ExistingFile("--cloud-dll", "The built Pos.Cloud.dll");
        var pg = BenchOption.RequiredText(
            "--pg", "A PostgreSQL role that may create databases (Npgsql form); the store, the cloud and pgbench get one each", "CONNSTRING");
        var pgBench = new Option<string>("--pgbench")
        {
            Description = "pgbench binary; psql is taken from the same folder",
            HelpName = "PATH",
            DefaultValueFactory = _ => defaults.PgBenchPath,
        };
        var minutes = BenchOption.Number<int>("--minutes", "Measured minutes (after the warm-up)", defaults.Minutes, 1, 24 * 60);
        var warmup = BenchOption.Number<int>("--warmup", "Seconds of load before the measured minutes", defaults.WarmupSeconds, 0, 3600);
        var rate = BenchOption.Number<int>("--rate", "Commands per second, all devices together", defaults.Rate, 1, 10_000);
        var devices = BenchOption.Number<int>("--devices", "Devices taking orders, one connection each", defaults.Devices, 1, 1000);
        var pgBenchSeconds = BenchOption.Number<int>(
            "--pgbench-seconds", "Seconds of each of the two pgbench runs (before and after the soak)", defaults.PgBenchSeconds, 1, 3600);
        var appliancePort = BenchOption.Number<int>("--appliance-port", "The appliance's HTTP port", defaults.AppliancePort, 1, 65535);
        var cloudPort = BenchOption.Number<int>("--cloud-port", "The cloud silo's HTTP port", defaults.CloudPort, 1, 65535);
        var work = new Option<string>("--work")
        {
            Description = "Folder for logs and data",
            HelpName = "DIR",
            DefaultValueFactory = _ => defaults.WorkDir,
        };
        var markdown = BenchOption.Markdown("Also write the results as a Markdown report");

        var command = new Command("soak", """
            A steady load for a long time, printing and sync on: starts a cloud silo and an appliance linked to it,
            two virtual printers, then devices take whole orders (open, three lines, fire, pay, close) at a steady
            rate, paced open-loop (latency from each command's due time). Reports p50, p99, max, commands over 1 s,
            the appliance's memory (RSS and GC heap) every minute, and pgbench's p99 at the same rate on the same
            PostgreSQL, with PASS or MISS per target. Exit code 3 when a ticket was lost or doubled or the cloud did
            not get every event.
            """)
        {
            applianceDll, cloudDll, pg, pgBench, minutes, warmup, rate, devices, pgBenchSeconds, appliancePort, cloudPort, work, markdown,
        };
        command.SetAction((parsed, cancellationToken) => run(
            new SoakOptions
            {
                ApplianceDll = parsed.GetRequiredValue(applianceDll),
                CloudDll = parsed.GetRequiredValue(cloudDll),
                Pg = parsed.GetRequiredValue(pg),
                PgBenchPath = parsed.GetRequiredValue(pgBench),
                Minutes = parsed.GetValue(minutes),
                WarmupSeconds = parsed.GetValue(warmup),
                Rate = parsed.GetValue(rate),
                Devices = parsed.GetValue(devices),
                PgBenchSeconds = parsed.GetValue(pgBenchSeconds),
                AppliancePort = parsed.GetValue(appliancePort),
                CloudPort = parsed.GetValue(cloudPort),
                WorkDir = Path.GetFullPath(parsed.GetRequiredValue(work)),
                MarkdownPath = parsed.GetValue(markdown),
            },
            cancellationToken));
        return command;
    }
}
