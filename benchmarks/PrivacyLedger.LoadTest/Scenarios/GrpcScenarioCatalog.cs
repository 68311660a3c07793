using Grpc.Core;
using PrivacyLedger.Grpc.V1;
using PrivacyLedger.LoadTest.Load;

namespace PrivacyLedger.LoadTest.Scenarios;

/// <summary>
/// The scenarios of issue 14: the HTTP scenarios' questions and changes over gRPC, on the same seeded people. Every
/// check asks about direct marketing by e-mail, every change grants that consent on e-mail and SMS, as over HTTP; only
/// the transport and the batching differ: unary checks, checks on bidirectional streams, batches of 1,000 checks, and
/// ApplyChanges with many consent grants per call (each acknowledged once durable).
/// </summary>
internal sealed class GrpcScenarioCatalog(GrpcLoadClient client, string[] subjectIds, int changesPerCall) : IAsyncDisposable
{
    private const string Purpose = "direct-marketing";
    private const int PreparedCalls = 64;
    private StreamedChecks? _streams;
    private CheckBatchRequest[]? _batches;
    private ApplyChangesRequest[]? _changes;

    public Scenario SingleChecks(int concurrency) =>
        new("grpc-single-checks", "gRPC: single checks, unary Check", "checks", concurrency, CheckAsync);

    public Scenario SingleChecksAtRate(string key, string why, double perSecond) =>
        new(key, $"gRPC: unary Check at a fixed {perSecond:N0}/s ({why})", "checks", 256, CheckAsync) { FixedRate = perSecond };

    public Scenario StreamedChecks(int concurrency)
    {
        OpenStreams();
        return new("grpc-streamed-checks", $"gRPC: checks on {client.Channels} CheckStream streams", "checks", concurrency, StreamedCheckAsync);
    }

    public Scenario StreamedChecksAtRate(string key, string why, double perSecond)
    {
        OpenStreams();
        return new(key, $"gRPC: CheckStream checks at a fixed {perSecond:N0}/s ({why})", "checks", 256, StreamedCheckAsync) { FixedRate = perSecond };
    }

    public Scenario BatchChecks(int concurrency)
    {
        _batches ??= [.. Enumerable.Range(0, PreparedCalls).Select(seed => BatchRequest(new Random(seed)))];
        return new("grpc-batch-checks", $"gRPC: CheckBatch of {ScenarioCatalog.BatchSize:N0}", "people", concurrency, (random, token) => GuardedAsync(async () =>
        {
            var request = _batches[random.Next(_batches.Length)];
            var reply = await client.Permissions().CheckBatchAsync(request, client.Key, cancellationToken: token);
            return reply.Results.Count == request.SubjectIds.Count ? new Outcome(true, reply.Results.Count) : Outcome.Failed($"{reply.Results.Count} results for {request.SubjectIds.Count} ids");
        }));
    }

    public Scenario ConsentChanges(int concurrency)
    {
        _changes ??= [.. Enumerable.Range(0, PreparedCalls).Select(seed => ChangesRequest(new Random(1_000 + seed)))];
        return new("grpc-consent-changes", $"gRPC: consent changes, ApplyChanges of {changesPerCall:N0} (durable writes)", "changes", concurrency, (random, token) => GuardedAsync(async () =>
        {
            var reply = await client.Subjects().ApplyChangesAsync(_changes[random.Next(_changes.Length)], client.Key, cancellationToken: token);
            var failed = reply.Results.FirstOrDefault(result => result.Code != 0);
            return failed is null ? new Outcome(true, reply.Results.Count) : Outcome.Failed($"change refused: {(StatusCode)failed.Code} {failed.Field}: {failed.Message}");
        }));
    }

    private Task<Outcome> CheckAsync(Random random, CancellationToken cancellationToken) => GuardedAsync(async () =>
    {
        await client.Permissions().CheckAsync(new CheckRequest { SubjectId = RandomSubject(random), Purpose = Purpose, Channel = Channel.Email }, client.Key,
            cancellationToken: cancellationToken);
        return new Outcome(true);
    });

    private Task<Outcome> StreamedCheckAsync(Random random, CancellationToken cancellationToken) => GuardedAsync(async () =>
    {
        await _streams!.CheckAsync(new CheckStreamRequest { SubjectId = RandomSubject(random), Purpose = Purpose, Channel = Channel.Email }).WaitAsync(cancellationToken);
        return new Outcome(true);
    });

    /// <summary>Opened before the first streamed scenario and kept for the rest of the run: both share the streams.</summary>
    private void OpenStreams() => _streams ??= new StreamedChecks(client);

    /// <summary>
    /// A failed call is an error of the scenario, as a 4xx or 5xx answer is over HTTP; so is one cancelled because the
    /// run stopped waiting for it (gRPC says so with CANCELLED rather than an OperationCanceledException).
    /// </summary>
    private static async Task<Outcome> GuardedAsync(Func<Task<Outcome>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException exception)
        {
            return Outcome.Failed($"{exception.StatusCode}: {exception.Status.Detail}");
        }
        catch (IOException exception)
        {
            return Outcome.Failed($"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private CheckBatchRequest BatchRequest(Random random)
    {
        var request = new CheckBatchRequest { Purpose = Purpose, Channel = Channel.Email };
        request.SubjectIds.AddRange(DistinctSubjects(random, ScenarioCatalog.BatchSize));
        return request;
    }

    /// <summary>Distinct people in one call, as the HTTP scenario's concurrent requests are (mostly) distinct.</summary>
    private ApplyChangesRequest ChangesRequest(Random random)
    {
        var request = new ApplyChangesRequest();
        foreach (var subjectId in DistinctSubjects(random, changesPerCall))
        {
            request.Changes.Add(new SubjectChange
            {
                GrantConsent = new GrantConsentRequest
                {
                    SubjectId = subjectId,
                    PurposeId = Purpose,
                    Channels = { Channel.Email, Channel.Sms },
                    Source = "load-test",
                    Evidence = "load test",
                },
            });
        }
        return request;
    }

    private HashSet<string> DistinctSubjects(Random random, int count)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        while (chosen.Count < Math.Min(count, subjectIds.Length))
        {
            chosen.Add(RandomSubject(random));
        }
        return chosen;
    }

    private string RandomSubject(Random random) => subjectIds[random.Next(subjectIds.Length)];

    public async ValueTask DisposeAsync()
    {
        if (_streams is not null)
        {
            await _streams.DisposeAsync();
        }
    }
}
