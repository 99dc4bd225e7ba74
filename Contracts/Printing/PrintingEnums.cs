namespace Pos.Contracts.Printing;

/// <summary>The character code tables this project prints in; the value is the ESC t parameter.</summary>
public enum EscPosCodePage : byte
{
    /// <summary>PC437, USA / standard Europe: the table every ESC/POS printer starts in.</summary>
    Pc437 = 0,

    /// <summary>PC858, multilingual Latin-1 with the euro sign.</summary>
    Pc858 = 19,
}

/// <summary>How the appliance knows a ticket came out.</summary>
public enum PrintConfirmation
{
    /// <summary>The printer answers a GS ( H transmit-process-ID request after it has printed the ticket.</summary>
    ProcessId,

    /// <summary>The printer cannot answer; the ticket counts as printed once TCP has taken every byte.</summary>
    Tcp,
}

/// <summary>Where a print job stands, as people see it.</summary>
public enum PrintJobStatus
{
    /// <summary>Waiting for its printer; nothing was sent yet.</summary>
    Queued,

    /// <summary>Sent, not yet confirmed; if the appliance stops now, it prints again marked REPRINT.</summary>
    Printing,

    /// <summary>The printer confirmed it.</summary>
    Printed,

    /// <summary>Given up on. The appliance never gives up on a ticket by itself; the value is kept for clients of the contract.</summary>
    Failed,
}
