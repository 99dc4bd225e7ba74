using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pos.Tests.Shared;

/// <summary>
/// Hands out loopback TCP ports for servers the tests start, unique across the test processes of a run.
/// Ports come from 20000-32767, below the kernel's ephemeral range (32768 up), so no outgoing connection or
/// port-0 listener can take one between here and the server's bind; a counter in a locked file shared by
/// all test processes keeps two of them from handing out the same port. Each port is checked free before use.
/// </summary>
public static class FreePort
{
    private const int First = 20_000;
    private const int Last = 32_767;
    private static readonly string CounterPath = Path.Combine(Path.GetTempPath(), "pos-test-ports");

    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Take();
            if (IsFree(port))
            {
                return port;
            }
        }
        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    private static int Take()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var file = new FileStream(CounterPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                var buffer = new byte[16];
                var read = file.Read(buffer);
                var last = int.TryParse(Encoding.ASCII.GetString(buffer, 0, read), out var n) && n is >= First and <= Last
                    ? n
                    : First + Random.Shared.Next(Last - First);
                var next = last >= Last ? First : last + 1;
                file.SetLength(0);
                file.Write(Encoding.ASCII.GetBytes(next.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return next;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another test process holds the counter for a moment.
                Thread.Yield();
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
