using System.CommandLine;

namespace Pos.Bench.Backlog;

/// <summary>The options of <c>Pos.Bench backlog</c>; the initial values are the defaults the command line shows.</summary>
internal sealed record BacklogOptions
{
    public string ApplianceDll { get; init; } = "";
    public string CloudDll { get; init; } = "";
    public string Pg { get; init; } = "";
    public long Events { get; init; } = 36_000;
    public int Clients { get; init; } = 8;
    public int AppliancePort { get; init; } = 5083;
    public int CloudPort { get; init; } = 5191;
    public string WorkDir { get; init; } = "bench-backlog";
    public string? MarkdownPath { get; init; }

    /// <summary>The <c>backlog</c> subcommand: reads its options and hands them to <paramref name="run"/>.</summary>
    public static Command CreateCommand(Func<BacklogOptions, CancellationToken, Task<int>> run)
    {
        var defaults = new BacklogOptions();
        var applianceDll = ExistingFile("--appliance-dll", "The built Pos.Appliance.dll");
        var cloudDll = ExistingFile("--cloud-dll", "The built Pos.Cloud.dll");
        var pg = BenchOption.RequiredText(
            "--pg", "A PostgreSQL role that may create databases; the store and the cloud get one each", "CONNSTRING");
        var events = BenchOption.Number<long>(
            "--events", "The backlog, in journal events (36000 is 8 hours of a record peak)", defaults.Events, 1, long.MaxValue);
        var clients = BenchOption.Number<int>(
            "--clients", "Clients taking orders while the cloud is down", defaults.Clients, 1, int.MaxValue);
        var appliancePort = BenchOption.Number<int>("--appliance-port", "The appliance's HTTP port", defaults.AppliancePort, 1, 65535);
        var cloudPort = BenchOption.Number<int>("--cloud-port", "The cloud silo's HTTP port", defaults.CloudPort, 1, 65535);
        var work = new Option<string>("--work")
        {
            Description = "Folder for logs and data",
            HelpName = "DIR",
            DefaultValueFactory = _ => defaults.WorkDir,
        };
        var markdown = BenchOption.Markdown("Also write the result as a Markdown table");

        var command = new Command("backlog", """
            Catch-up of a journal backlog from the appliance to the cloud, end to end: starts an appliance and a
            cloud silo of their own, takes orders while the cloud is down, then measures the drain.
            Exit code 3 when the cloud's copy is not exactly the backlog.
            """)
        {
            applianceDll, cloudDll, pg, events, clients, appliancePort, cloudPort, work, markdown,
        };
        command.SetAction((parsed, cancellationToken) => run(
            new BacklogOptions
            {
                ApplianceDll = parsed.GetRequiredValue(applianceDll),
                CloudDll = parsed.GetRequiredValue(cloudDll),
                Pg = parsed.GetRequiredValue(pg),
                Events = parsed.GetValue(events),
                Clients = parsed.GetValue(clients),
                AppliancePort = parsed.GetValue(appliancePort),
                CloudPort = parsed.GetValue(cloudPort),
                WorkDir = Path.GetFullPath(parsed.GetRequiredValue(work)),
                MarkdownPath = parsed.GetValue(markdown),
            },
            cancellationToken));
        return command;
    }

    internal static Option<string> ExistingFile(string name, string description)
    {
        var option = new Option<string>(name) { Description = description, HelpName = "PATH", Required = true };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } path && !File.Exists(path))
            {
                result.AddError($"{name}: no such file '{path}'");
            }
        });
        return option;
    }
}
