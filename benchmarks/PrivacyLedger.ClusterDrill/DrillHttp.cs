using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// The drill's HTTP client to the load balancer: keep-alive connections, the API key on every request, every exchange
/// recorded in the <see cref="Timeline"/> under a kind. Never retries by itself: the callers decide what may be retried.
/// </summary>
internal sealed class DrillHttp : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly Timeline _timeline;
    private readonly Uri _baseAddress;
    private readonly string _apiKey;
    private readonly int _maxConnections;
    private HttpClient _http;

    public DrillHttp(Uri baseAddress, string apiKey, int maxConnections, Timeline timeline)
    {
        (_baseAddress, _apiKey, _maxConnections, _timeline) = (baseAddress, apiKey, maxConnections, timeline);
        _http = NewClient();
    }

    /// <summary>
    /// Drops the kept-alive connections: after the whole cluster (HAProxy too) was restarted they lead nowhere, and the
    /// first request on each would fail for a reason that is the client's, not the cluster's.
    /// </summary>
    public void ResetConnections()
    {
        var old = _http;
        _http = NewClient();
        old.Dispose();
    }

    private HttpClient NewClient()
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = _maxConnections,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        // Longer than HAProxy's server timeout (120 s): HAProxy answers 504 first, so a slow node shows as a status.
        var http = new HttpClient(handler) { BaseAddress = _baseAddress, Timeout = TimeSpan.FromSeconds(150) };
        http.DefaultRequestHeaders.Add("X-Api-Key", _apiKey);
        return http;
    }

    public Task<Reply> GetAsync(string kind, string path, CancellationToken cancellationToken = default) =>
        SendAsync(kind, HttpMethod.Get, path, null, cancellationToken);

    public Task<Reply> PostAsync(string kind, string path, string json, CancellationToken cancellationToken = default) =>
        SendAsync(kind, HttpMethod.Post, path, Json(json), cancellationToken);

    public Task<Reply> PutAsync(string kind, string path, string json, CancellationToken cancellationToken = default) =>
        SendAsync(kind, HttpMethod.Put, path, Json(json), cancellationToken);

    public async Task<Reply> SendAsync(string kind, HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        Reply reply;
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            reply = new Reply((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken));
        }
        catch (HttpRequestException exception)
        {
            reply = new Reply(0, Encoding.UTF8.GetBytes(exception.Message));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reply = new Reply(0, "timed out"u8.ToArray());
        }
        // When the answer came: a request in flight when its node died fails after the kill, inside its window.
        _timeline.Record(kind, reply.Status, _timeline.Now, reply.IsSuccess ? null : reply.Describe());
        return reply;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8) { Headers = { ContentType = JsonType } };

    public void Dispose() => _http.Dispose();
}

/// <summary>A status (0: no answer) and the whole body.</summary>
internal readonly record struct Reply(int Status, byte[] Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public JsonElement Json() => JsonSerializer.Deserialize<JsonElement>(Body);

    public string Describe() => $"{Status}: {Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 200))}";
}
