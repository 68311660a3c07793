using System.Net;

namespace PrivacyLedger.LoadTest.Hosting;

/// <summary>Load goes to this machine only: every address the run sends to must be a loopback address.</summary>
internal static class Loopback
{
    public static bool Is(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    public static void Ensure(string host, string what)
    {
        if (!Is(host))
        {
            throw new ArgumentException($"{what} must be on this machine's loopback (127.0.0.0/8, ::1 or localhost), not '{host}'.");
        }
    }
}
