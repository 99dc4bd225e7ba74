using Pos.Appliance.Printing.Transport;
using Pos.Grains.Printing;

namespace Pos.Appliance.Printing;

/// <summary>What the printer grains need from the host: their options, the TCP link, and the retry.</summary>
public static class PrintingSetup
{
    public static IServiceCollection AddPosPrinting(this IServiceCollection services)
    {
        services.AddSingleton<PrinterCatalog>();
        services.AddSingleton(new PrintingOptions());
        services.AddSingleton(new PrinterTimeouts());
        services.AddSingleton<IPrinterLinkFactory, TcpPrinterLinkFactory>();
        services.AddSingleton<PrinterRetry>();
        return services;
    }
}
