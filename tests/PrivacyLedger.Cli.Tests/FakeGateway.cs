using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace PrivacyLedger.Cli.Tests;

/// <summary>A request as the fake gateway saw it; the body is read before the handler returns.</summary>
public sealed record SeenRequest(HttpMethod Method, Uri Uri, string? ApiKey, string? Body)
{
    public string PathAndQuery => Uri.PathAndQuery;
}

/// <summary>An HttpMessageHandler answering from a function, recording every request. No network.</summary>
public sealed class FakeGateway(Func<SeenRequest, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public FakeGateway(Func<SeenRequest, HttpResponseMessage> respond)
        : this(request => Task.FromResult(respond(request)))
    {
    }

    private readonly ConcurrentQueue<SeenRequest> _requests = new();

    public IReadOnlyList<SeenRequest> Requests => [.. _requests];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var seen = new SeenRequest(request.Method, request.RequestUri!,
            request.Headers.TryGetValues("X-Api-Key", out var keys) ? keys.Single() : null, body);
        _requests.Enqueue(seen);
        return await respond(seen);
    }

    /// <summary>This gateway's answer to a request already seen by another.</summary>
    public Task<HttpResponseMessage> Respond(SeenRequest request) => respond(request);

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Problem(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/problem+json") };

    public static HttpResponseMessage Forbidden() => Problem(HttpStatusCode.Forbidden,
        """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.4","title":"Forbidden","status":403,"detail":"The caller's role does not hold the right this operation needs."}""");

    /// <summary>What HttpClient's handlers throw when nothing listens on the port.</summary>
    public static HttpResponseMessage Refuse() => throw new HttpRequestException("Connection refused (127.0.0.1:5080)");
}
