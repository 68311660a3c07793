using System.Buffers;
using System.Text;
using System.Text.Json;
using PrivacyLedger.LoadTest.Load;

namespace PrivacyLedger.LoadTest.Scenarios;

/// <summary>
/// The scenarios of issue 6, over the seeded people. Every permission check asks whether direct marketing by
/// e-mail is allowed (a purpose all four sample registers define: by legitimate interest in three, by consent in
/// pk-terveys-customers); every durable change grants that consent on two channels, which appends a sealed,
/// hash-chained ledger event in the same commit as the subject's state.
/// </summary>
internal sealed class ScenarioCatalog(LoadClient client, string[] subjectIds, int firstNewPerson)
{
    public const int BatchSize = 1_000;
    private const string Purpose = "direct-marketing";
    private const int PreparedBatches = 64;
    private static readonly byte[] ConsentBody = """{"channels":["email","sms"],"source":"load-test","evidence":"load test"}"""u8.ToArray();
    private static readonly byte[] VerificationBody = """{"method":"strong-electronic-identification","verifiedBy":"load-test"}"""u8.ToArray();
    private int _nextNewPerson = firstNewPerson;
    private byte[][]? _batches;

    public Scenario SingleChecks(int concurrency) =>
        new("single-checks", "Single permission checks", "checks", concurrency, (random, token) => CheckAsync(random, token));

    public Scenario SingleChecksAtRate(string key, string why, double perSecond, int maxConnections) =>
        new(key, $"Single permission checks at a fixed {perSecond:N0}/s ({why})", "checks", maxConnections, (random, token) => CheckAsync(random, token))
        {
            FixedRate = perSecond,
        };

    public Scenario BatchChecks(int concurrency)
    {
        _batches ??= [.. Enumerable.Range(0, PreparedBatches).Select(seed => BatchBody(new Random(seed)))];
        return new("batch-checks", "Batch checks of 1,000", "people", concurrency, async (random, token) =>
            Outcome.From(await client.PostJsonAsync("/v1/permissions/check", _batches[random.Next(_batches.Length)], token), units: BatchSize));
    }

    public Scenario ConsentChanges(int concurrency) =>
        new("consent-changes", "Consent changes (durable writes)", "changes", concurrency, (random, token) => ChangeConsentAsync(random, token));

    public Scenario Mix(int concurrency) =>
        new("mix-90-10", "90/10 mix: checks / consent changes", "operations", concurrency, (random, token) =>
            random.Next(10) == 0 ? ChangeConsentAsync(random, token, kind: 1) : CheckAsync(random, token))
        {
            Kinds = ["checks", "consent changes"],
        };

    public Scenario Enrolment(int concurrency) =>
        new("enrolment", "Enrolment of new people", "enrolments", concurrency, async (_, token) =>
        {
            var person = Interlocked.Increment(ref _nextNewPerson) - 1;
            var register = SyntheticPeople.Registers[SyntheticPeople.RegisterIndex(person, 0)];
            return Outcome.From(await client.PostJsonAsync($"/v1/registers/{register}/members", SyntheticPeople.EnrolmentBody(person, 0), token));
        });

    public Scenario AccessRoundTrips(int concurrency) =>
        new("access-round-trip", "Access request round trip", "requests", concurrency, AccessRoundTripAsync);

    /// <summary>A batch body, for the activation pass: these ids, in this order.</summary>
    public static byte[] BatchBody(IEnumerable<string> subjectIds)
    {
        var buffer = new ArrayBufferWriter<byte>(BatchSize * 36 + 100);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("purpose", Purpose);
            json.WriteString("channel", "email");
            json.WriteStartArray("subjectIds");
            foreach (var subjectId in subjectIds)
            {
                json.WriteStringValue(subjectId);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private byte[] BatchBody(Random random)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        while (chosen.Count < Math.Min(BatchSize, subjectIds.Length))
        {
            chosen.Add(RandomSubject(random));
        }
        return BatchBody(chosen);
    }

    private string RandomSubject(Random random) => subjectIds[random.Next(subjectIds.Length)];

    private async Task<Outcome> CheckAsync(Random random, CancellationToken cancellationToken) =>
        Outcome.From(await client.GetAsync($"/v1/subjects/{RandomSubject(random)}/permissions?purpose={Purpose}&channel=email", cancellationToken));

    private async Task<Outcome> ChangeConsentAsync(Random random, CancellationToken cancellationToken, int kind = 0) =>
        Outcome.From(await client.PutJsonAsync($"/v1/subjects/{RandomSubject(random)}/consents/{Purpose}", ConsentBody, cancellationToken), kind: kind);

    /// <summary>Create, verify (processing runs), wait until completed, fetch the export: one person's access request end to end.</summary>
    private async Task<Outcome> AccessRoundTripAsync(Random random, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"type":"access","subject":{"subjectId":"{{RandomSubject(random)}}"},"channel":"web"}""");
        var created = await client.PostJsonAsync("/v1/requests", body, cancellationToken);
        if (created.Status != 201)
        {
            return Outcome.Failed("create " + created.Describe());
        }
        string requestId;
        using (var document = JsonDocument.Parse(created.Body))
        {
            requestId = document.RootElement.GetProperty("requestId").GetString()!;
        }
        var verified = await client.PostJsonAsync($"/v1/requests/{requestId}/verification", VerificationBody, cancellationToken);
        if (!verified.IsSuccess)
        {
            return Outcome.Failed("verify " + verified.Describe());
        }
        for (var attempt = 0; ; attempt++)
        {
            var view = await client.GetAsync($"/v1/requests/{requestId}", cancellationToken);
            using var document = JsonDocument.Parse(view.Body);
            var status = view.IsSuccess ? document.RootElement.GetProperty("status").GetString() : null;
            if (status == "completed")
            {
                break;
            }
            if (status is null or "partially-completed" or "refused" or "cancelled" || attempt == 200)
            {
                return Outcome.Failed($"request {requestId} ended {status ?? view.Describe()}");
            }
            await Task.Delay(10, cancellationToken);
        }
        return Outcome.From(await client.GetAsync($"/v1/requests/{requestId}/export", cancellationToken));
    }
}
