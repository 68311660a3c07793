using System.Net;
using System.Net.Sockets;

namespace PrivacyLedger.Testing;

/// <summary>Whether something accepts connections on a loopback port: how the process tests see what was left running.</summary>
public static class LoopbackPort
{
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
