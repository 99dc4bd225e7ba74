using System.Security.Cryptography.X509Certificates;
using Pos.Appliance.Hosting;

namespace Pos.Appliance.Tls;

/// <summary>
/// HTTPS for the appliance's <c>https://</c> addresses (POS_URLS): the operator's certificate when POS_TLS_CERT names
/// one (PEM, with its key in POS_TLS_KEY or in the same file), else a certificate of the store's own CA
/// (<see cref="StoreCertificates"/>), whose certificate phones download once from <c>GET /store-ca.crt</c> and install.
/// The store's certificate is checked every hour and made again when the machine got an address it does not name or it
/// nears its end; new connections get the new one with no restart.
/// </summary>
public static partial class TlsHosting
{
    /// <summary>Where a phone downloads the store CA's certificate (DER), when the appliance uses its own.</summary>
    public const string CaRoute = "/store-ca.crt";

    /// <summary>Sets Kestrel's HTTPS certificate when an address is https; nothing otherwise.</summary>
    public static WebApplicationBuilder AddPosTls(this WebApplicationBuilder builder, PosSettings settings, string urls)
    {
        if (!urls.Contains("https://", StringComparison.OrdinalIgnoreCase))
        {
            return builder;
        }
        var served = settings.TlsCert is { } certPath
            ? ServedCertificate.Operator(X509Certificate2.CreateFromPemFile(certPath, settings.TlsKey))
            : ServedCertificate.Store(settings.TlsDir, StoreName(settings));
        builder.Services.AddSingleton(served);
        if (!served.FromOperator)
        {
            builder.Services.AddHostedService<StoreCertificateRenewal>();
        }
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
            https.ServerCertificateSelector = (_, _) => served.Current));
        return builder;
    }

    /// <summary>Serves the store CA's certificate to phones, only when the appliance uses its own CA.</summary>
    public static WebApplication MapPosStoreCa(this WebApplication app)
    {
        if (app.Services.GetService<ServedCertificate>() is { FromOperator: false } served)
        {
            app.MapGet(CaRoute, () => Results.Bytes(StoreCertificates.CaCertificateDer(served.Dir)!, "application/x-x509-ca-cert", "store-ca.crt"))
                .ExcludeFromDescription();
        }
        return app;
    }

    private static string StoreName(PosSettings settings) => settings.Cloud?.StoreId ?? System.Net.Dns.GetHostName();
}

/// <summary>The certificate Kestrel gives each new HTTPS connection, and where it comes from.</summary>
public sealed class ServedCertificate
{
    private ServedCertificate(X509Certificate2 current, bool fromOperator, string dir, string storeName)
    {
        Current = current;
        FromOperator = fromOperator;
        Dir = dir;
        StoreName = storeName;
    }

    public X509Certificate2 Current { get; private set; }
    public bool FromOperator { get; }

    /// <summary>The folder of the store's CA and certificate (unused with the operator's).</summary>
    public string Dir { get; }

    public string StoreName { get; }

    public static ServedCertificate Operator(X509Certificate2 cert) => new(cert, true, "", "");

    public static ServedCertificate Store(string dir, string storeName) =>
        new(StoreCertificates.Ensure(dir, StoreCertificates.MachineNames(), TimeProvider.System, storeName), false, dir, storeName);

    /// <summary>Makes the store's certificate again if it must be; true when a new one is served from now on.</summary>
    public bool Renew(TimeProvider time)
    {
        var fresh = StoreCertificates.Ensure(Dir, StoreCertificates.MachineNames(), time, StoreName);
        if (fresh.Thumbprint == Current.Thumbprint)
        {
            fresh.Dispose();
            return false;
        }
        // The old one stays alive: a handshake running now may still hold it.
        Current = fresh;
        return true;
    }
}

/// <summary>Checks the store's certificate every hour (a new address from DHCP, the end of its validity).</summary>
public sealed partial class StoreCertificateRenewal(ServedCertificate served, TimeProvider time, ILogger<StoreCertificateRenewal> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (served.Renew(time))
                {
                    LogRenewed(logger, served.Current.NotAfter, string.Join(", ", StoreCertificates.Carried(served.Current)));
                }
            }
            // Whatever failed (the disk, the machine's addresses, a host name a certificate cannot hold) is logged with its
            // stack and tried again; the certificate served meanwhile stays, and the appliance goes on serving.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRenewFailed(logger, e, Every);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The appliance's HTTPS certificate was made again (valid until {NotAfter:u}, for {Names}); phones that trust the store CA accept it as before")]
    private static partial void LogRenewed(ILogger logger, DateTime notAfter, string names);

    [LoggerMessage(Level = LogLevel.Error, Message = "The appliance's HTTPS certificate could not be made again; the current one is kept and it is tried again in {Every}")]
    private static partial void LogRenewFailed(ILogger logger, Exception e, TimeSpan every);
}
