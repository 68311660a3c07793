using Grpc.Core;
using Grpc.Net.Client;
using PrivacyLedger.Grpc.V1;

namespace PrivacyLedger.LoadTest.Load;

/// <summary>
/// The gRPC side of the generator: a few channels to the gateway's gRPC listener, each its own HTTP/2 connection (h2c),
/// so the gateway's connection handling spreads over its cores as with many HTTP/1.1 connections; calls take the
/// channels in turn. The API key goes as <c>x-api-key</c> metadata on every call.
/// </summary>
internal sealed class GrpcLoadClient : IDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly PermissionService.PermissionServiceClient[] _permissions;
    private readonly SubjectService.SubjectServiceClient[] _subjects;
    private int _next;

    public GrpcLoadClient(Uri address, string apiKey, int channels)
    {
        _channels = [.. Enumerable.Range(0, channels).Select(_ => GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                UseProxy = false,
                UseCookies = false,
                // More than Kestrel's 100 streams per connection on one channel opens another connection instead of queueing.
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            },
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        }))];
        _permissions = [.. _channels.Select(channel => new PermissionService.PermissionServiceClient(channel))];
        _subjects = [.. _channels.Select(channel => new SubjectService.SubjectServiceClient(channel))];
        Key = new Metadata { { "x-api-key", apiKey } };
    }

    public Metadata Key { get; }

    public int Channels => _channels.Length;

    public PermissionService.PermissionServiceClient Permissions() => _permissions[NextIndex()];

    public PermissionService.PermissionServiceClient PermissionsOn(int channel) => _permissions[channel % _permissions.Length];

    public SubjectService.SubjectServiceClient Subjects() => _subjects[NextIndex()];

    private int NextIndex() => (int)((uint)Interlocked.Increment(ref _next) % (uint)_channels.Length);

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
