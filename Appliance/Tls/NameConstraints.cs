using System.Formats.Asn1;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Pos.Appliance.Tls;

/// <summary>
/// The name constraints of the store's CA (RFC 5280, 4.2.1.10): it may vouch only for private, loopback and
/// link-local addresses and for <c>localhost</c> and <c>.local</c> names, the places an appliance on a restaurant's
/// LAN can be. A phone that trusts the CA therefore trusts nothing else through it.
/// </summary>
public static class NameConstraints
{
    private const string Oid = "2.5.29.30";

    /// <summary>The permitted address ranges (address, prefix length).</summary>
    public static readonly IReadOnlyList<(IPAddress Network, int Prefix)> Ranges =
    [
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16),
        (IPAddress.Parse("fc00::"), 7),
        (IPAddress.Parse("fe80::"), 10),
        (IPAddress.IPv6Loopback, 128),
    ];

    /// <summary>The permitted DNS names, each with every name below it.</summary>
    public static readonly IReadOnlyList<string> Names = ["localhost", "local"];

    /// <summary>Whether an address falls in one of the permitted ranges (a certificate may name it).</summary>
    public static bool Permits(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        address = new IPAddress(address.GetAddressBytes()); // without a scope id
        return Ranges.Any(r => r.Network.AddressFamily == address.AddressFamily && Within(address, r.Network, r.Prefix));
    }

    /// <summary>The critical extension that holds the CA to the ranges and names above.</summary>
    public static X509Extension PrivateNetworksOnly()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true))) // permittedSubtrees
        {
            foreach (var name in Names)
            {
                using (writer.PushSequence()) // GeneralSubtree
                {
                    writer.WriteCharacterString(UniversalTagNumber.IA5String, name, new Asn1Tag(TagClass.ContextSpecific, 2)); // dNSName
                }
            }
            foreach (var (network, prefix) in Ranges)
            {
                using (writer.PushSequence())
                {
                    var bytes = network.GetAddressBytes();
                    writer.WriteOctetString([.. bytes, .. Mask(bytes.Length, prefix)], new Asn1Tag(TagClass.ContextSpecific, 7)); // iPAddress
                }
            }
        }
        return new X509Extension(Oid, writer.Encode(), critical: true);
    }

    private static byte[] Mask(int length, int prefix)
    {
        var mask = new byte[length];
        for (var bit = 0; bit < prefix; bit++)
        {
            mask[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }
        return mask;
    }

    private static bool Within(IPAddress address, IPAddress network, int prefix)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var mask = Mask(a.Length, prefix);
        for (var i = 0; i < a.Length; i++)
        {
            if ((a[i] & mask[i]) != (n[i] & mask[i]))
            {
                return false;
            }
        }
        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
    }
}
