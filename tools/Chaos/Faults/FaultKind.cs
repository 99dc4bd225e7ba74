namespace Pos.Chaos.Faults;

/// <summary>What the suite does to the store in one fault.</summary>
public enum FaultKind
{
    /// <summary>SIGKILL of the appliance process, started again after a short while.</summary>
    ApplianceKill,

    /// <summary><c>pg_ctl -m immediate stop</c> of the store's PostgreSQL (every backend ends, no checkpoint), started again after an outage.</summary>
    PostgresRestart,

    /// <summary>Both at once: the appliance SIGKILLed and PostgreSQL stopped immediately; PostgreSQL comes back first.</summary>
    PowerCut,

    /// <summary>SIGKILL of one of the two cloud silos, started again after a while.</summary>
    SiloKill,

    /// <summary>The link between the appliance and the cloud cut (every connection refused) for a while.</summary>
    CloudPartition,

    /// <summary>A printer switched off (answers offline, prints nothing) for a while.</summary>
    PrinterOffline,

    /// <summary>A printer out of paper for a while.</summary>
    PrinterPaperOut,

    /// <summary>A printer closing its connection in the middle of the next ticket.</summary>
    PrinterDrop,
}

/// <summary>The names the table and the log use.</summary>
public static class FaultNames
{
    public static string Of(FaultKind kind) => kind switch
    {
        FaultKind.ApplianceKill => "appliance SIGKILL",
        FaultKind.PostgresRestart => "PostgreSQL immediate restart",
        FaultKind.PowerCut => "power cut (both)",
        FaultKind.SiloKill => "cloud silo SIGKILL",
        FaultKind.CloudPartition => "cloud link cut",
        FaultKind.PrinterOffline => "printer offline",
        FaultKind.PrinterPaperOut => "printer out of paper",
        FaultKind.PrinterDrop => "printer drops mid-ticket",
        _ => kind.ToString(),
    };

    /// <summary>What "recovered" means for the kind, for the table.</summary>
    public static string RecoveredWhen(FaultKind kind) => kind switch
    {
        FaultKind.SiloKill or FaultKind.CloudPartition => "the cloud acknowledges a batch again",
        FaultKind.PrinterOffline or FaultKind.PrinterPaperOut or FaultKind.PrinterDrop => "that printer prints a ticket again",
        _ => "a device's command is acknowledged again",
    };
}
