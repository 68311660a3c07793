using System.Collections.Concurrent;
using System.Text.Json;

namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// The erasure requests, sent one by one while the load runs and the nodes die. <c>POST /v1/requests</c> is not
/// idempotent (the gateway picks the id), so after a failed attempt the drill first asks the person whether a request
/// was recorded (<c>requestIds</c> of the subject) and only sends again when none was. Verification is retried until
/// the request says it is verified.
/// </summary>
internal sealed class ErasureRequests(DrillHttp http, TextWriter log)
{
    private static readonly string[] Final = ["completed", "partially-completed", "refused", "cancelled"];
    private readonly ConcurrentDictionary<string, string> _requests = new(StringComparer.Ordinal);
    private int _recreated;

    /// <summary>person → request id, for every request recorded.</summary>
    public IReadOnlyDictionary<string, string> Requests => _requests;

    /// <summary>How many times a create had to be sent again because the first attempt left no request behind.</summary>
    public int Recreated => _recreated;

    public async Task RunAsync(string[] people, TimeSpan spacing, CancellationToken stop)
    {
        var submissions = new List<Task>();
        foreach (var person in people)
        {
            submissions.Add(Task.Run(() => SubmitAsync(person)));
            try
            {
                await Task.Delay(spacing, stop);
            }
            catch (TaskCanceledException)
            {
                // The load ended early: send the rest at once.
            }
        }
        await Task.WhenAll(submissions);
    }

    private async Task SubmitAsync(string subjectId)
    {
        var body = JsonSerializer.Serialize(new { type = "erasure", channel = "web", subject = new { subjectId } });
        string? requestId = null;
        for (var attempt = 0; requestId is null; attempt++)
        {
            var created = await http.PostAsync("erasure-create", "/v1/requests", body);
            if (created.IsSuccess)
            {
                requestId = created.Json().GetProperty("requestId").GetString();
                break;
            }
            await Task.Delay(1000);
            requestId = await RecordedRequestAsync(subjectId);
            if (requestId is null)
            {
                Interlocked.Increment(ref _recreated);
            }
        }
        _requests[subjectId] = requestId!;
        var verification = JsonSerializer.Serialize(new { method = "strong-electronic-identification", verifiedBy = "cluster-drill" });
        while (true)
        {
            if ((await http.PostAsync("erasure-verify", $"/v1/requests/{requestId}/verification", verification)).IsSuccess)
            {
                return;
            }
            await Task.Delay(1000);
            var view = await http.GetAsync("erasure-status", $"/v1/requests/{requestId}");
            if (view.IsSuccess && view.Json().GetProperty("status").GetString() != "received")
            {
                return;
            }
        }
    }

    /// <summary>The person's request id, if a create that got no answer recorded one after all.</summary>
    private async Task<string?> RecordedRequestAsync(string subjectId)
    {
        while (true)
        {
            var subject = await http.GetAsync("erasure-lookup", $"/v1/subjects/{subjectId}");
            if (subject.IsSuccess)
            {
                return subject.Json().GetProperty("requestIds").EnumerateArray().Select(id => id.GetString()).LastOrDefault();
            }
            await Task.Delay(1000);
        }
    }

    /// <summary>Waits until every request has ended (or the deadline passes); answers request id → final status.</summary>
    public async Task<Dictionary<string, string>> WaitAsync(DateTime deadline)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var requestId in _requests.Values.Where(id => !statuses.TryGetValue(id, out var status) || !Final.Contains(status)))
            {
                var view = await http.GetAsync("erasure-status", $"/v1/requests/{requestId}");
                if (view.IsSuccess)
                {
                    statuses[requestId] = view.Json().GetProperty("status").GetString()!;
                }
            }
            if (statuses.Count == _requests.Count && statuses.Values.All(Final.Contains) || DateTime.UtcNow > deadline)
            {
                log.WriteLine($"# erasure requests: {string.Join(", ", statuses.Values.GroupBy(s => s).Select(g => $"{g.Count()} {g.Key}"))}");
                return statuses;
            }
            await Task.Delay(2000);
        }
    }
}
