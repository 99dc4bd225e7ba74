using System.Net;
using System.Net.Sockets;

namespace Pos.Chaos.Stack;

/// <summary>
/// Loopback TCP ports for the servers the suite starts (and starts again on the same port): above the kernel's
/// ephemeral range (32768-60999), so no outgoing connection takes one between a kill and the restart, and above the
/// tests' own (20000-32767, tests/Shared/FreePort.cs), so a test running beside the short run cannot either.
/// </summary>
internal static class Ports
{
    private static readonly HashSet<int> Given = [];

    public static int Free()
    {
        lock (Given)
        {
            while (true)
            {
                var port = Random.Shared.Next(61_000, 65_000);
                if (Given.Add(port) && IsFree(port))
                {
                    return port;
                }
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
