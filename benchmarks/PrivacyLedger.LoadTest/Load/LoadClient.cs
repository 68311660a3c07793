using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PrivacyLedger.LoadTest.Load;

/// <summary>
/// The HTTP client every scenario shares: keep-alive connections to the gateway (up to one per concurrent worker),
/// the API key on every request, whole bodies read so a request is timed until its last byte.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly HttpClient _http;

    public LoadClient(Uri baseAddress, string apiKey, int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public Task<Reply> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<Reply> PostJsonAsync(string path, byte[] json, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, Json(json), cancellationToken);

    public Task<Reply> PutJsonAsync(string path, byte[] json, CancellationToken cancellationToken) => SendAsync(HttpMethod.Put, path, Json(json), cancellationToken);

    public async Task<Reply> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new Reply((int)response.StatusCode, body);
    }

    private static ByteArrayContent Json(byte[] json) => new(json) { Headers = { ContentType = JsonType } };

    public void Dispose() => _http.Dispose();
}

/// <summary>A status code and the whole body.</summary>
internal readonly record struct Reply(int Status, byte[] Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>For error samples: the status and the start of the body (problem documents name the field at fault).</summary>
    public string Describe() => $"{Status}: {Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300))}";
}
