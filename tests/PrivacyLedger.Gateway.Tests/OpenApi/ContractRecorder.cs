using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PrivacyLedger.Gateway.Tests.OpenApi;

/// <summary>
/// Sends calls by operation ("POST /v1/requests") and checks each answer against the served document: the
/// status is declared for the operation, the content type is the declared one, the body fits the schema.
/// Collects every mismatch so a test reports them all at once.
/// </summary>
public sealed class ContractRecorder(ServedContract contract, GatewayFactory gateway)
{
    private readonly List<string> _mismatches = [];
    private readonly HashSet<string> _succeeded = [];
    private readonly HashSet<string> _failed = [];

    public IReadOnlyList<string> Mismatches => _mismatches;

    public async Task<(int Status, JsonNode? Body)> CallAsync(string role, string operation, IReadOnlyDictionary<string, string> path,
        object? body = null, string contentType = "application/json")
    {
        var (method, template) = ServedContract.Split(operation);
        var url = template;
        foreach (var (name, value) in path)
        {
            url = url.Replace($"{{{name}}}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }
        return await SendAsync(role, operation, new HttpMethod(method), url + QueryOf(path), body, contentType);
    }

    private static string QueryOf(IReadOnlyDictionary<string, string> path) =>
        path.TryGetValue("?", out var query) ? "?" + query : "";

    private async Task<(int Status, JsonNode? Body)> SendAsync(string? role, string operation, HttpMethod method, string url, object? body, string contentType)
    {
        using var client = role is null ? gateway.CreateClient() : gateway.ClientFor(role);
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var text = body as string ?? (body as JsonNode ?? JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(body)))!.ToJsonString();
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var raw = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        JsonNode? parsed = null;
        if (raw.Length > 0 && (mediaType is "application/json" || mediaType?.EndsWith("+json", StringComparison.Ordinal) == true))
        {
            parsed = JsonNode.Parse(raw);
        }
        else if (raw.Length > 0)
        {
            // A text answer (a receipt's compact JWS) is checked as the string it is.
            parsed = JsonValue.Create(raw);
        }
        (status < 400 ? _succeeded : _failed).Add(operation);
        Verify(operation, status, mediaType, parsed, raw.Length);
        return (status, parsed);
    }

    /// <summary>The same call without a key: every /v1 operation must answer a declared 401.</summary>
    public Task<(int Status, JsonNode? Body)> CallWithoutKeyAsync(string operation, IReadOnlyDictionary<string, string> path)
    {
        var (method, template) = ServedContract.Split(operation);
        var url = path.Aggregate(template, (u, p) => u.Replace($"{{{p.Key}}}", p.Value, StringComparison.Ordinal));
        return SendAsync(null, operation, new HttpMethod(method), url, null, "application/json");
    }

    private void Verify(string operation, int status, string? mediaType, JsonNode? body, int length)
    {
        if (contract.Operation(operation) is null)
        {
            _mismatches.Add($"{operation}: not in the document");
            return;
        }
        if (contract.Response(operation, status) is not { } declared)
        {
            _mismatches.Add($"{operation}: answered {status}, which the document does not declare");
            return;
        }
        if (declared["content"] is not JsonObject content || content.Count == 0)
        {
            if (length > 0)
            {
                _mismatches.Add($"{operation} {status}: a body ({mediaType}) where the document declares none");
            }
            return;
        }
        if (mediaType is null || content[mediaType] is not { } media)
        {
            _mismatches.Add($"{operation} {status}: content type {mediaType ?? "(none)"}, declared {string.Join(", ", content.Select(c => c.Key))}");
            return;
        }
        if (media["schema"] is { } schema && contract.Check(schema, body) is { } why)
        {
            _mismatches.Add($"{operation} {status}: the answer does not fit its schema: {why}");
        }
    }

    /// <summary>
    /// Operations of the document not yet seen both succeeding and failing; an operation whose only declared errors are
    /// the server's own (429, 503: nothing a caller's input brings about) need not be seen failing.
    /// </summary>
    public IEnumerable<string> Uncovered() =>
        contract.Operations.Where(o => !_succeeded.Contains(o)).Select(o => $"{o}: no successful answer checked")
            .Concat(contract.Operations.Where(o => !_failed.Contains(o) && CallerCanFail(o)).Select(o => $"{o}: no error answer checked"));

    private bool CallerCanFail(string operation) =>
        contract.Operation(operation)?["responses"]?.AsObject().Any(r => r.Key.StartsWith('4') && r.Key != "429") ?? true;
}
