namespace Pos.Contracts.Printing;

/// <summary>
/// The bounds and defaults of a printer's configuration: stated on the requests for the OpenAPI document and used by
/// the printer rules, from this one place.
/// </summary>
public static class PrinterFieldLimits
{
    public const int MaxIdLength = 64;
    public const int MaxName = 100;
    public const int MaxStation = 50;
    public const int MaxHost = 253;
    public const int DefaultPort = 9100;

    /// <summary>Narrowest paper the ticket layout is made for (58 mm printers are 32).</summary>
    public const int MinColumns = 24;
    public const int DefaultColumns = 42;
    public const int MaxColumns = 64;
    public const int DefaultFailoverAfterSeconds = 60;
    public const int MaxFailoverAfterSeconds = 86_400;

    /// <summary>How many devices or stations one receipt printer may serve by name.</summary>
    public const int MaxReceiptFor = 32;

    /// <summary>In a printer's receiptFor: the store's default receipt printer, for a device no other printer names.</summary>
    public const string AnyDevice = "*";
}
