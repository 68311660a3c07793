using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PrivacyLedger.Gateway.Grpc;

/// <summary>
/// Kestrel's listeners when gRPC is on: the HTTP/JSON addresses exactly as <c>--urls</c> / <c>ASPNETCORE_URLS</c>
/// (or <c>ASPNETCORE_HTTP_PORTS</c>) give them, and the gRPC address of <see cref="GrpcSettings"/>, HTTP/2 only.
/// Any explicit listener makes Kestrel ignore the URLs, so they are bound here too. Each connection is marked with
/// the listener it came in on, so gRPC answers only on its own address and HTTP/JSON only on the others
/// (<see cref="GrpcListenerSeparation"/>).
/// </summary>
internal static class GrpcListeners
{
    private const string ListenerItem = "privacy-ledger.listener";

    /// <summary>Kestrel's own default when nothing says where to listen.</summary>
    private const string KestrelDefaultUrl = "http://localhost:5000";

    public enum Listener
    {
        HttpJson,
        Grpc,
    }

    public static void Configure(KestrelServerOptions kestrel, IConfiguration configuration, GrpcSettings settings)
    {
        foreach (var url in HttpJsonUrls(configuration))
        {
            Listen(kestrel, BindingAddress.Parse(url), Listener.HttpJson, listen =>
            {
                if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                {
                    listen.UseHttps();
                }
            });
        }
        GrpcSettingsValidator.TryParse(settings.Url!, out var grpc);
        Listen(kestrel, grpc, Listener.Grpc, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (settings.UsesTls)
            {
                listen.UseHttps(GrpcSettingsValidator.LoadCertificate(settings.Certificate));
            }
        });
    }

    /// <summary>The listener a request came in on; null in memory (a test server has no listeners).</summary>
    public static Listener? Of(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ListenerItem, out var listener) == true ? listener as Listener? : null;

    /// <summary>The HTTP/JSON addresses as the host would have bound them without explicit listeners.</summary>
    private static IEnumerable<string> HttpJsonUrls(IConfiguration configuration)
    {
        if (Split(configuration[WebHostDefaults.ServerUrlsKey]) is { Length: > 0 } urls)
        {
            return urls;
        }
        var ports = Split(configuration[WebHostDefaults.HttpPortsKey]).Select(port => $"http://*:{port}")
            .Concat(Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(port => $"https://*:{port}")).ToList();
        return ports.Count > 0 ? ports : [KestrelDefaultUrl];
    }

    private static string[] Split(string? list) =>
        list?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static void Listen(KestrelServerOptions kestrel, BindingAddress address, Listener listener, Action<ListenOptions> configure)
    {
        void Marked(ListenOptions listen)
        {
            listen.Use(next => connection =>
            {
                connection.Items[ListenerItem] = listener;
                return next(connection);
            });
            configure(listen);
        }

        if (address.IsUnixPipe)
        {
            kestrel.ListenUnixSocket(address.UnixPipePath, Marked);
        }
        else if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(address.Port, Marked);
        }
        else if (IPAddress.TryParse(address.Host, out var ip))
        {
            kestrel.Listen(ip, address.Port, Marked);
        }
        else
        {
            // *, + or a host name: every interface, as Kestrel binds such URLs itself.
            kestrel.ListenAnyIP(address.Port, Marked);
        }
    }
}
