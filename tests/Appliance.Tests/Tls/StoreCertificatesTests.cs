using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Pos.Appliance.Tls;

namespace Pos.Appliance.Tests.Tls;

/// <summary>
/// The store's own CA and the appliance's HTTPS certificate: a chain a phone that installed the CA accepts, for every
/// address given, kept across restarts, made again for a new address or near its end, and a CA that cannot vouch for
/// anything on the internet (the platform's chain builder enforces the name constraints).
/// </summary>
public sealed class StoreCertificatesTests : IDisposable
{
    private static readonly string[] Names = ["localhost", "127.0.0.1", "192.168.1.20", "appliance.local"];
    private readonly string _dir = Directory.CreateTempSubdirectory("pos-tls-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_certificate_chains_to_the_store_ca_for_every_name_and_the_keys_are_private_to_the_appliance()
    {
        using var cert = StoreCertificates.Ensure(_dir, Names, _time, "Main street");

        using var ca = StoreCa();
        Assert.True(Chains(cert, ca, out var status), "the chain: " + status);
        Assert.True(cert.HasPrivateKey);
        Assert.Equal(Names.ToHashSet(StringComparer.OrdinalIgnoreCase), StoreCertificates.Carried(cert));
        Assert.Equal("CN=Main street store CA, O=Store appliance", ca.Subject);
        Assert.Contains(ca.Extensions, e => e.Oid?.Value == "2.5.29.30" && e.Critical);
        Assert.True(cert.NotAfter - cert.NotBefore <= TimeSpan.FromDays(398), "phones refuse longer than 398 days");
        Assert.Equal(ca.RawData, StoreCertificates.CaCertificateDer(_dir));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, StoreCertificates.CaKeyFile)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, StoreCertificates.KeyFile)));
        }
    }

    [Fact]
    public void A_restart_keeps_the_certificate_a_new_address_or_its_end_near_makes_a_new_one_under_the_same_ca()
    {
        string first;
        using (var cert = StoreCertificates.Ensure(_dir, Names, _time, "Main street"))
        {
            first = cert.Thumbprint;
        }
        var caBefore = StoreCa().Thumbprint;

        using (var again = StoreCertificates.Ensure(_dir, Names, _time, "Main street"))
        {
            Assert.Equal(first, again.Thumbprint);
        }
        // DHCP gave the appliance another address.
        string second;
        using (var moved = StoreCertificates.Ensure(_dir, [.. Names, "192.168.1.77"], _time, "Main street"))
        {
            second = moved.Thumbprint;
            Assert.NotEqual(first, second);
            Assert.Contains("192.168.1.77", StoreCertificates.Carried(moved));
        }
        _time.Advance(TimeSpan.FromDays(370));
        using (var renewed = StoreCertificates.Ensure(_dir, [.. Names, "192.168.1.77"], _time, "Main street"))
        {
            Assert.NotEqual(second, renewed.Thumbprint);
            using var ca = StoreCa();
            Assert.Equal(caBefore, ca.Thumbprint);
            Assert.True(Chains(renewed, ca, out var status, _time.GetUtcNow().UtcDateTime), "the renewed chain: " + status);
        }
    }

    [Fact]
    public void A_key_and_certificate_left_unmatched_by_a_crash_are_made_again()
    {
        using (StoreCertificates.Ensure(_dir, Names, _time, "Main street"))
        {
        }
        using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(Path.Combine(_dir, StoreCertificates.KeyFile), other.ExportPkcs8PrivateKeyPem());
        }

        using var cert = StoreCertificates.Ensure(_dir, Names, _time, "Main street");

        using var ca = StoreCa();
        Assert.True(Chains(cert, ca, out var status), "the chain: " + status);
        Assert.True(cert.HasPrivateKey);
    }

    [Theory]
    [InlineData("shop.example.com")]
    [InlineData("8.8.8.8")]
    [InlineData("203.0.113.5")]
    public void The_store_ca_cannot_vouch_for_a_name_outside_the_lan(string name)
    {
        using (StoreCertificates.Ensure(_dir, Names, _time, "Main street"))
        {
        }
        // As if someone had the CA's key: a certificate made with it for a name on the internet.
        using var ca = X509Certificate2.CreateFromPemFile(Path.Combine(_dir, StoreCertificates.CaCertFile), Path.Combine(_dir, StoreCertificates.CaKeyFile));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=rogue", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(name, out var address))
        {
            san.AddIpAddress(address);
        }
        else
        {
            san.AddDnsName(name);
        }
        request.CertificateExtensions.Add(san.Build());
        using var rogue = request.Create(ca, _time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddDays(30), [1, 2, 3, 4]);

        Assert.False(Chains(rogue, ca, out var status), "a chain for " + name);
        Assert.Contains(X509ChainStatusFlags.HasNotPermittedNameConstraint, status);
    }

    [Theory]
    [InlineData("192.168.0.10", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("127.0.0.1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::5", true)]
    [InlineData("2001:db8::1", false)]
    [InlineData("93.184.216.34", false)]
    public void Only_private_loopback_and_link_local_addresses_are_permitted(string address, bool permitted) =>
        Assert.Equal(permitted, NameConstraints.Permits(IPAddress.Parse(address)));

    [Fact]
    public void The_machine_names_are_its_lan_addresses_localhost_and_host_local_never_a_public_address()
    {
        var names = StoreCertificates.MachineNames();

        Assert.Contains("localhost", names);
        Assert.Contains("127.0.0.1", names);
        Assert.DoesNotContain(names, n => n.Contains('%', StringComparison.Ordinal)); // a scope would make a new certificate every hour
        using (var cert = StoreCertificates.Ensure(_dir, names, _time, "Main street"))
        using (var again = StoreCertificates.Ensure(_dir, StoreCertificates.MachineNames(), _time, "Main street"))
        {
            Assert.Equal(cert.Thumbprint, again.Thumbprint);
        }
        Assert.All(names, n => Assert.True(IPAddress.TryParse(n, out var a) ? NameConstraints.Permits(a) : n == "localhost" || n.EndsWith(".local", StringComparison.Ordinal), n));
    }

    private X509Certificate2 StoreCa() => X509CertificateLoader.LoadCertificate(StoreCertificates.CaCertificateDer(_dir)!);

    private bool Chains(X509Certificate2 cert, X509Certificate2 ca, out List<X509ChainStatusFlags> status, DateTime? at = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at ?? _time.GetUtcNow().UtcDateTime;
        var built = chain.Build(cert);
        status = [.. chain.ChainStatus.Select(s => s.Status)];
        return built;
    }

    public void Dispose() => Directory.Delete(_dir, true);
}
