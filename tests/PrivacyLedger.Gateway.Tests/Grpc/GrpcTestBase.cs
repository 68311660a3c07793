using Grpc.Core;
using Grpc.Net.Client;
using PrivacyLedger.Grpc.V1;

namespace PrivacyLedger.Gateway.Tests.Grpc;

/// <summary>
/// Base of gRPC API tests: the in-memory gateway of <see cref="GatewayTestBase"/> reached through Grpc.Net.Client
/// over its test server, one channel per role sending that role's key as <c>x-api-key</c> metadata. Subclass it as
/// the HTTP tests do (abstract class, then Postgres… and Sqlite… subclasses).
/// </summary>
public abstract class GrpcTestBase : GatewayTestBase
{
    private readonly Dictionary<string, GrpcChannel> _channels = [];

    /// <summary>A channel whose calls carry <paramref name="role"/>'s key (<see cref="GatewayFactory.KeyFor"/>); null: no key.</summary>
    protected GrpcChannel ChannelFor(string? role)
    {
        var name = role ?? "";
        if (!_channels.TryGetValue(name, out var channel))
        {
            var server = Gateway.Server;
            HttpMessageHandler handler = server.CreateHandler();
            if (role is not null)
            {
                handler = new ApiKeyHandler(GatewayFactory.KeyFor(role)) { InnerHandler = handler };
            }
            channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
            _channels[name] = channel;
        }
        return channel;
    }

    /// <summary>A generated client (e.g. <c>PermissionService.PermissionServiceClient</c>) on <see cref="ChannelFor"/>.</summary>
    protected TClient ClientFor<TClient>(string? role) where TClient : ClientBase<TClient> =>
        (TClient)Activator.CreateInstance(typeof(TClient), ChannelFor(role))!;

    /// <summary>A sample register every test gateway loads, with a consent purpose <c>direct-marketing</c> (email and more).</summary>
    protected const string SampleRegister = "pk-terveys-customers";

    protected static string NewEmail() => $"person-{Guid.NewGuid():N}@example.fi";

    /// <summary>Enrols a new person by e-mail over gRPC, as the service role; their subject id.</summary>
    protected async Task<string> EnrolAsync(string? email = null, string registerId = SampleRegister)
    {
        var enrolled = await ClientFor<SubjectService.SubjectServiceClient>("service").EnrolAsync(new EnrolRequest
        {
            RegisterId = registerId,
            Identifiers = { new Identifier { Kind = IdentifierKind.Email, Value = email ?? NewEmail() } },
            Source = "grpc-test",
        });
        return enrolled.SubjectId;
    }

    public override async Task DisposeAsync()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
        _channels.Clear();
        await base.DisposeAsync();
    }

    /// <summary>The key as metadata, on every call of the channel.</summary>
    private sealed class ApiKeyHandler(string key) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("x-api-key", key);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
