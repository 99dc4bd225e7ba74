using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Pos.Tests.Shared;

namespace Pos.EndToEnd.Tests.Tls;

/// <summary>
/// HTTPS on the LAN for real: the appliance's process serves its https:// address with a certificate of the store's own
/// CA, which a phone downloads once from /store-ca.crt and trusts (here: an HttpClient that trusts only that CA), or with
/// the operator's certificate, in which case there is no store CA to download. The plain address keeps working.
/// </summary>
public sealed class HttpsTests
{
    [Fact]
    public async Task Without_a_certificate_of_its_own_the_store_serves_https_under_its_ca_which_phones_download_once()
    {
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-tls-").FullName;
        var httpsPort = FreePort.Next();
        await using var appliance = await ApplianceProcess.StartAsync(await TestPostgres.CreateDatabaseAsync("e2etls"), dataDir, httpsPort: httpsPort);
        using var plain = appliance.NewClient();

        using var download = await plain.GetAsync("/store-ca.crt");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/x-x509-ca-cert", download.Content.Headers.ContentType?.MediaType);
        using var ca = X509CertificateLoader.LoadCertificate(await download.Content.ReadAsByteArrayAsync());
        Assert.Contains(ca.Extensions, e => e is X509BasicConstraintsExtension { CertificateAuthority: true });

        X509Certificate2? served = null;
        using var phone = TrustingOnly(ca, httpsPort, c => served = c);
        using var devices = await phone.GetAsync("/api/v1/devices");
        Assert.Equal(HttpStatusCode.OK, devices.StatusCode); // the API with the admin's token, over HTTPS
        Assert.NotNull(served);
        Assert.Contains("127.0.0.1", served!.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses().Select(a => a.ToString()));
        var banner = await Poll.UntilAsync(() => Task.FromResult(appliance.Output()), o => o.Contains("Try:", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the start-up banner");
        Assert.Contains("HTTPS:        the store's own CA", banner, StringComparison.Ordinal);
        Assert.Contains("/store-ca.crt once", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", banner, StringComparison.Ordinal);

        // A restart serves the same chain: no phone installs anything again.
        var first = served.Thumbprint;
        await appliance.StopAsync();
        await using var again = await ApplianceProcess.StartAsync(await TestPostgres.CreateDatabaseAsync("e2etls2"), dataDir, httpsPort: httpsPort);
        using var phoneAgain = TrustingOnly(ca, httpsPort, c => served = c);
        using var health = await phoneAgain.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(first, served.Thumbprint);
    }

    [Fact]
    public async Task With_the_operators_certificate_that_one_is_served_and_there_is_no_store_ca_to_download()
    {
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-tls-op-").FullName;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=pos.main-street.example", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var operatorCert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
        var certPath = Path.Combine(dataDir, "operator.crt");
        var keyPath = Path.Combine(dataDir, "operator.key");
        await File.WriteAllTextAsync(certPath, operatorCert.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        var httpsPort = FreePort.Next();

        await using var appliance = await ApplianceProcess.StartAsync(await TestPostgres.CreateDatabaseAsync("e2etlsop"), dataDir,
            new Dictionary<string, string> { ["POS_TLS_CERT"] = certPath, ["POS_TLS_KEY"] = keyPath }, httpsPort);

        X509Certificate2? served = null;
        using var phone = TrustingOnly(operatorCert, httpsPort, c => served = c);
        using var health = await phone.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(operatorCert.Thumbprint, served!.Thumbprint);
        using var plain = appliance.NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await plain.GetAsync("/store-ca.crt")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(dataDir, "tls")), "no store CA is made when the operator gives a certificate");
    }

    /// <summary>A client that trusts <paramref name="root"/> and nothing else, as a phone with the store CA installed.</summary>
    private static HttpClient TrustingOnly(X509Certificate2 root, int port, Action<X509Certificate2> seen)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is null)
                    {
                        return false;
                    }
                    var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    seen(leaf);
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    // The chain to the one root trusted, and the address the phone typed among the certificate's names.
                    return (chain.Build(leaf) || leaf.Thumbprint == root.Thumbprint)
                        && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
                },
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApplianceProcess.AdminToken);
        return client;
    }
}
