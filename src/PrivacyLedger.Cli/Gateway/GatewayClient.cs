using System.Net.Http.Json;
using System.Text.Json;

namespace PrivacyLedger.Cli.Gateway;

/// <summary>
/// The few calls of API v1 this tool makes. Every failure leaves as one of two exceptions: a
/// <see cref="GatewayException"/> when the gateway answered with an error, a
/// <see cref="GatewayUnreachableException"/> when it did not answer at all.
/// </summary>
public sealed class GatewayClient(HttpClient http, TimeSpan requestTimeout)
{
    public Uri BaseAddress => http.BaseAddress ?? throw new InvalidOperationException("The HttpClient needs a base address.");

    public Task<EnrolmentResult> EnrolAsync(string registerId, EnrolmentBody body, CancellationToken cancellationToken) =>
        SendAsync<EnrolmentBody, EnrolmentResult>(HttpMethod.Post, $"v1/registers/{Escape(registerId)}/members", body, cancellationToken);

    /// <summary><c>POST /v1/imports</c>: JSON Lines streamed from <paramref name="lines"/>, imported through the bulk path.</summary>
    public Task<ImportResult> ImportAsync(string registerId, HttpContent lines, CancellationToken cancellationToken) =>
        SendAsync<object, ImportResult>(HttpMethod.Post, $"v1/imports{Query(("registerId", registerId))}", null, cancellationToken, lines, unbounded: true);

    public Task<CampaignCreated> StartCampaignAsync(StartCampaignBody body, CancellationToken cancellationToken) =>
        SendAsync<StartCampaignBody, CampaignCreated>(HttpMethod.Post, "v1/campaigns", body, cancellationToken);

    public Task<CampaignState> GetCampaignAsync(string campaignId, CancellationToken cancellationToken) =>
        SendAsync<object, CampaignState>(HttpMethod.Get, $"v1/campaigns/{Escape(campaignId)}", null, cancellationToken);

    /// <param name="change"><c>pause</c>, <c>resume</c> or <c>cancel</c>.</param>
    public Task<CampaignState> ChangeCampaignAsync(string campaignId, string change, CancellationToken cancellationToken) =>
        SendAsync<object, CampaignState>(HttpMethod.Post, $"v1/campaigns/{Escape(campaignId)}/{change}", null, cancellationToken);

    public Task<Page<CampaignItem>> ListCampaignItemsAsync(string campaignId, string? status, string? after, int limit, CancellationToken cancellationToken) =>
        SendAsync<object, Page<CampaignItem>>(HttpMethod.Get,
            $"v1/campaigns/{Escape(campaignId)}/items{Query(("status", status), ("after", after), ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)))}",
            null, cancellationToken);

    /// <summary><c>GET /v1/campaigns</c>: newest first, of one status when <paramref name="status"/> is given.</summary>
    public Task<Page<CampaignState>> ListCampaignsAsync(string? status, string? after, int limit, CancellationToken cancellationToken) =>
        SendAsync<object, Page<CampaignState>>(HttpMethod.Get,
            $"v1/campaigns{Query(("status", status), ("after", after), ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)))}",
            null, cancellationToken);

    /// <summary><c>GET /v1/cluster</c>: the nodes and the one that answered.</summary>
    public Task<ClusterView> GetClusterAsync(CancellationToken cancellationToken) =>
        SendAsync<object, ClusterView>(HttpMethod.Get, "v1/cluster", null, cancellationToken);

    public Task<SweepReport> SweepRetentionAsync(SweepBody body, CancellationToken cancellationToken) =>
        SendAsync<SweepBody, SweepReport>(HttpMethod.Post, "v1/retention/sweeps", body, cancellationToken);

    /// <summary>No time limit: the gateway checks every journalled erasure, millions after years of purges.</summary>
    public Task<ErasureReconciliation> ReconcileErasuresAsync(ReconcileBody body, CancellationToken cancellationToken) =>
        SendAsync<ReconcileBody, ErasureReconciliation>(HttpMethod.Post, "v1/erasures/reconcile", body, cancellationToken, unbounded: true);

    public Task<Page<RequestEntry>> ListRequestsAsync(string? status, bool overdue, string? after, int limit, CancellationToken cancellationToken) =>
        SendAsync<object, Page<RequestEntry>>(HttpMethod.Get,
            $"v1/requests{Query(("status", status), ("overdue", overdue ? "true" : null), ("after", after), ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)))}",
            null, cancellationToken);

    public Task<LedgerVerification> VerifyLedgerAsync(string subjectId, CancellationToken cancellationToken) =>
        SendAsync<object, LedgerVerification>(HttpMethod.Get, $"v1/subjects/{Escape(subjectId)}/ledger/verification", null, cancellationToken);

    /// <param name="unbounded">No time limit: a bulk import takes as long as its file.</param>
    private async Task<TResult> SendAsync<TBody, TResult>(HttpMethod method, string path, TBody? body, CancellationToken cancellationToken, HttpContent? content = null, bool unbounded = false)
        where TBody : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!unbounded)
        {
            timeout.CancelAfter(requestTimeout);
        }
        using var request = new HttpRequestMessage(method, path);
        request.Content = body is not null ? JsonContent.Create(body, options: CliJson.Options) : content;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (HttpRequestException exception)
        {
            throw new GatewayUnreachableException(BaseAddress, exception.Message, exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's cancellation, so the time limit: the gateway is there but not answering.
            throw new GatewayUnreachableException(BaseAddress, $"no answer within {requestTimeout.TotalSeconds:0} s", exception);
        }
        finally
        {
            // Content the caller supplied is the caller's (a retry sends it again): disposing the request must not dispose it.
            if (content is not null)
            {
                request.Content = null;
            }
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await GatewayException.FromResponseAsync(response, cancellationToken);
            }
            try
            {
                return await response.Content.ReadFromJsonAsync<TResult>(CliJson.Options, cancellationToken)
                    ?? throw new JsonException("The body is empty.");
            }
            catch (JsonException)
            {
                // A proxy's page or a gateway of another version: say so instead of showing a parser error.
                throw new GatewayException((int)response.StatusCode, "Unreadable answer", $"The answer to {method} /{path.Split('?')[0]} is not the JSON this tool expects.");
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                // The connection broke while the body was arriving.
                throw new GatewayUnreachableException(BaseAddress, exception.Message, exception);
            }
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>A query string of the parameters that have a value; empty when none has.</summary>
    internal static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
