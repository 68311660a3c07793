using System.Net;
using System.Net.Sockets;

namespace PrivacyLedger.Testing;

/// <summary>A loopback TCP port nobody listens on now, for a silo of a test's own.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
