using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pos.Appliance.Tls;

/// <summary>
/// The store's own certificate authority and the appliance's HTTPS certificate, for a store without a certificate of
/// its own (POS_TLS_CERT): phones open the staff app over HTTPS on the LAN (browsers keep offline start and
/// installation to secure origins) once the store's CA is installed on them, once. The CA is made on first use and
/// kept in the data folder for years; it is name-constrained to private and link-local addresses, <c>localhost</c> and
/// <c>.local</c> names, so even a copy of its key cannot vouch for a site on the internet. The appliance's certificate
/// names every address the machine has (and <c>localhost</c>, and <c>host.local</c>) and is made again when an address
/// is missing from it or it is within <see cref="RenewBefore"/> of its end.
/// </summary>
public static class StoreCertificates
{
    public const string CaCertFile = "store-ca.crt";
    public const string CaKeyFile = "store-ca.key";
    public const string CertFile = "appliance.crt";
    public const string KeyFile = "appliance.key";

    /// <summary>Long enough that no restaurant installs the CA twice; it is only trusted by the store's own phones.</summary>
    public static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);

    /// <summary>Phones refuse a server certificate valid longer than 398 days, even under a CA the person installed.</summary>
    public static readonly TimeSpan CertLifetime = TimeSpan.FromDays(397);

    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    /// <summary>
    /// The appliance's certificate with its key, made or renewed under the store's CA in <paramref name="dir"/> when
    /// needed, for <paramref name="names"/> (IP addresses and DNS names the phones use to reach the appliance).
    /// </summary>
    public static X509Certificate2 Ensure(string dir, IReadOnlyCollection<string> names, TimeProvider time, string storeName)
    {
        Directory.CreateDirectory(dir);
        var now = time.GetUtcNow();
        using var ca = LoadOrMakeCa(dir, now, storeName);
        var certPath = Path.Combine(dir, CertFile);
        var keyPath = Path.Combine(dir, KeyFile);
        if (Load(certPath, keyPath) is { } kept)
        {
            if (StillGood(kept, ca, names, now))
            {
                return kept;
            }
            kept.Dispose();
        }
        var made = Issue(ca, names, now);
        WriteKeyAndCert(certPath, keyPath, made, made.GetECDsaPrivateKey()!);
        return made;
    }

    /// <summary>The store CA's certificate in DER, as a phone installs it; null before it was made.</summary>
    public static byte[]? CaCertificateDer(string dir)
    {
        var path = Path.Combine(dir, CaCertFile);
        if (!File.Exists(path))
        {
            return null;
        }
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(path));
        return ca.Export(X509ContentType.Cert);
    }

    /// <summary>The names a certificate of this machine must carry: its addresses, localhost, and host.local.</summary>
    public static IReadOnlyCollection<string> MachineNames()
    {
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "::1" };
        foreach (var nic in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var address in nic.GetIPProperties().UnicastAddresses)
            {
                if (NameConstraints.Permits(address.Address))
                {
                    // Without the scope (fe80::1%eth0): a certificate names the address alone.
                    names.Add(new IPAddress(address.Address.GetAddressBytes()).ToString());
                }
            }
        }
        if (Dns.GetHostName() is { Length: > 0 } host && !host.Contains('.', StringComparison.Ordinal))
        {
            names.Add(host + ".local");
        }
        return names;
    }

    private static X509Certificate2 LoadOrMakeCa(string dir, DateTimeOffset now, string storeName)
    {
        var certPath = Path.Combine(dir, CaCertFile);
        var keyPath = Path.Combine(dir, CaKeyFile);
        if (Load(certPath, keyPath) is { } kept)
        {
            if (kept.NotAfter.ToUniversalTime() > now.UtcDateTime + CertLifetime)
            {
                return kept;
            }
            kept.Dispose(); // near its end: a new CA, which the phones install again (once in ten years)
        }
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={Escape(storeName)} store CA, O=Store appliance"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(NameConstraints.PrivateNetworksOnly());
        var ca = request.CreateSelfSigned(now.AddDays(-1), now + CaLifetime);
        WriteKeyAndCert(certPath, keyPath, ca, key);
        return X509Certificate2.CreateFromPemFile(certPath, keyPath);
    }

    /// <summary>A kept pair, or null when there is none or it is not whole (the process died between its two files).</summary>
    private static X509Certificate2? Load(string certPath, string keyPath)
    {
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            return null;
        }
        try
        {
            return X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return null; // not PEM, or a key of another certificate
        }
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, IReadOnlyCollection<string> names, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=Store appliance"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(name);
            }
        }
        request.CertificateExtensions.Add(san.Build(true));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial
        var notAfter = now + CertLifetime;
        if (notAfter > ca.NotAfter.ToUniversalTime())
        {
            notAfter = ca.NotAfter.ToUniversalTime();
        }
        using var issued = request.Create(ca, now.AddDays(-1), notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    private static bool StillGood(X509Certificate2 cert, X509Certificate2 ca, IReadOnlyCollection<string> names, DateTimeOffset now)
    {
        if (cert.Issuer != ca.Subject || cert.NotAfter.ToUniversalTime() - RenewBefore < now.UtcDateTime)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (!chain.Build(cert))
        {
            return false; // signed by an earlier CA of the same name
        }
        var carried = Carried(cert);
        return names.All(carried.Contains);
    }

    /// <summary>The addresses and names a certificate's subject alternative names carry.</summary>
    public static HashSet<string> Carried(X509Certificate2 cert)
    {
        var carried = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault() is { } san)
        {
            carried.UnionWith(san.EnumerateDnsNames());
            carried.UnionWith(san.EnumerateIPAddresses().Select(a => a.ToString()));
        }
        return carried;
    }

    private static void WriteKeyAndCert(string certPath, string keyPath, X509Certificate2 cert, ECDsa key)
    {
        // The key first and private from its first byte; the pair is whole once both renames are done.
        WriteAtomically(keyPath, key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteAtomically(certPath, cert.ExportCertificatePem(),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private static void WriteAtomically(string path, string text, UnixFileMode mode)
    {
        var temp = path + ".new";
        File.Delete(temp);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }
        using (var file = new FileStream(temp, options))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(text);
            writer.Flush();
            file.Flush(true);
        }
        File.Move(temp, path, true);
    }

    private static string Escape(string name) => name.Replace(",", " ", StringComparison.Ordinal).Replace("=", " ", StringComparison.Ordinal)
        .Replace("\"", " ", StringComparison.Ordinal).Replace("+", " ", StringComparison.Ordinal).Trim();
}
