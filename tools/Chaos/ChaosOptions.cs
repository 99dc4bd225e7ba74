namespace Pos.Chaos;

/// <summary>What a chaos run does: how many faults, from which seed, with how many devices, where.</summary>
public sealed record ChaosOptions
{
    /// <summary>How many faults (cycles); 310 is the long run.</summary>
    public int Cycles { get; init; } = 10;

    /// <summary>The seed of the fault plan and of the devices' choices: the same seed replays the same faults.</summary>
    public int Seed { get; init; }

    /// <summary>Simulated terminals taking orders at once.</summary>
    public int Devices { get; init; } = 8;

    /// <summary>Each device's pause between two orders, at most (half of it at least), in milliseconds.</summary>
    public int PaceMs { get; init; } = 300;

    /// <summary>The run's folder: its PostgreSQL clusters, the servers' logs, the devices' outboxes (emptied first).</summary>
    public required string DataDir { get; init; }

    /// <summary>Pos.Appliance.dll of the build to run.</summary>
    public required string ApplianceDll { get; init; }

    /// <summary>Pos.Cloud.dll of the build to run.</summary>
    public required string CloudDll { get; init; }

    /// <summary>How long the store may take to recover from a fault, or to quiesce, before the run stops as failed.</summary>
    public TimeSpan RecoverWithin { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The command that replays this run.</summary>
    public string ReplayCommand => $"./pos chaos --cycles {Cycles} --seed {Seed} --devices {Devices}" + (PaceMs == 300 ? "" : $" --pace-ms {PaceMs}");
}
