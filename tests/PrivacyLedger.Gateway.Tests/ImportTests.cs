using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Bulk import (<c>POST /v1/imports</c>, JSON Lines) on both engines (<see cref="PostgresImportTests"/>,
/// <see cref="SqliteImportTests"/>): identity resolution within the file, across batches and against people
/// already known, per-line errors naming the field, and a repeated import enrolling nobody twice.
/// </summary>
public abstract class ImportTests : GatewayTestBase
{
    private const string Elamasi = "elamasi-kunnossa-customers";
    private const string Perhe = "perhelaakarit-customers";
    private const string ValidHetu = "131052-308T";

    private HttpClient Admin => Gateway.ClientFor("admin");

    private static string Email() => $"i-{Guid.NewGuid():N}@example.fi";

    private static string Line(string? registerId, object[] identifiers, object? contact = null, string category = "basic-data") =>
        JsonSerializer.Serialize(new { registerId, identifiers, contact, categories = new[] { new { id = category } }, source = "crm-export" });

    private static object Id(string kind, string value) => new { kind, value };

    private async Task<JsonObject> ImportAsync(IEnumerable<string> lines, string? query = null, HttpClient? client = null)
    {
        var response = await PostAsync(lines, query, client);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private Task<HttpResponseMessage> PostAsync(IEnumerable<string> lines, string? query = null, HttpClient? client = null, string contentType = "application/x-ndjson") =>
        (client ?? Admin).PostAsync($"/v1/imports{query}", new StringContent(string.Join('\n', lines) + "\n", Encoding.UTF8, contentType));

    private async Task<JsonObject?> FindAsync(string kind, string value)
    {
        var response = await Admin.GetAsync($"/v1/subjects?identifier={kind}:{Uri.EscapeDataString(value)}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static long Count(JsonObject outcome, string field) => outcome[field]!.GetValue<long>();

    private static IEnumerable<string> Registers(JsonObject subject) => subject["memberships"]!.AsArray().Select(m => m!["registerId"]!.GetValue<string>());

    [Fact]
    public async Task Lines_of_one_person_become_one_subject_and_known_people_are_found_not_duplicated()
    {
        var (alone, twice, known) = (Email(), Email(), Email());
        var knownPhone = $"+35840{Random.Shared.Next(1_000_000, 9_999_999)}";
        var enrolled = await Gateway.ClientFor("service").PostAsJsonAsync($"/v1/registers/{Perhe}/members",
            new { identifiers = new[] { Id("email", known) }, categories = new[] { new { id = "basic-data" } } });
        var knownId = (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();

        var outcome = await ImportAsync(
        [
            Line(Elamasi, [Id("email", alone), Id("hetu", ValidHetu)], new { givenName = "Aino", language = "fi" }),
            Line(Elamasi, [Id("email", twice)]),
            Line(Perhe, [Id("email", twice), Id("customer-number", "C-77")], new { familyName = "Virtanen" }),
            Line(Elamasi, [Id("email", known), Id("phone", knownPhone)]),
        ]);

        Assert.Equal((4, 2, 2, 0), (Count(outcome, "rows"), Count(outcome, "created"), Count(outcome, "existing"), Count(outcome, "failed")));
        var first = (await FindAsync("email", alone))!;
        Assert.Equal([Elamasi], Registers(first));
        Assert.Contains("******-***T", first.ToJsonString());
        Assert.Equal("Aino", first["contact"]!["givenName"]!.GetValue<string>());
        var second = (await FindAsync("customer-number", "C-77"))!;
        Assert.Equal(second["subjectId"]!.GetValue<string>(), (await FindAsync("email", twice))!["subjectId"]!.GetValue<string>());
        Assert.Equal([Elamasi, Perhe], Registers(second).Order(StringComparer.Ordinal));
        var third = (await FindAsync("phone", knownPhone))!;
        Assert.Equal(knownId, third["subjectId"]!.GetValue<string>());
        Assert.Equal([Elamasi, Perhe], Registers(third).Order(StringComparer.Ordinal));

        var subjectId = first["subjectId"]!.GetValue<string>();
        var ledger = await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger");
        var imported = ledger!["items"]!.AsArray().First()!;
        Assert.Equal("subject.imported", imported["type"]!.GetValue<string>());
        Assert.Equal(Elamasi, imported["data"]!["memberships"]![0]!["registerId"]!.GetValue<string>());
        Assert.True((await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger/verification"))!["valid"]!.GetValue<bool>());
        // A prefix of the id sorts just before it: the page after it starts with this member.
        var members = await Admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{Elamasi}/members?after={subjectId[..^1]}&limit=1");
        Assert.Equal(subjectId, members!["items"]![0]!["subjectId"]!.GetValue<string>());
        Assert.DoesNotContain(Gateway.Logs.Lines, line => line.Contains(alone, StringComparison.OrdinalIgnoreCase) || line.Contains("308T", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_lines_fail_alone_with_the_field_at_fault_and_the_rest_is_imported()
    {
        var good = Email();
        var outcome = await ImportAsync(
        [
            Line(null, [Id("email", good)]),
            Line(null, [Id("hetu", "131052-308X")]),
            "{ not json",
            Line("no-such-register", [Id("email", Email())]),
            Line(null, [Id("email", Email())], category: "no-such-category"),
            "",
            Line(null, []),
        ], query: $"?registerId={Elamasi}");

        Assert.Equal((6, 1, 0, 5), (Count(outcome, "rows"), Count(outcome, "created"), Count(outcome, "existing"), Count(outcome, "failed")));
        var errors = outcome["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<long>(), e["field"]!.GetValue<string>())).ToList();
        Assert.Equal([(2L, "identifiers[0].value"), (3L, "line"), (4L, "registerId"), (5L, "categories[0].id"), (7L, "identifiers")], errors);
        Assert.DoesNotContain("308X", outcome.ToJsonString());
        Assert.NotNull(await FindAsync("email", good));
    }

    [Fact]
    public async Task A_repeated_import_and_a_person_split_across_batches_enrol_nobody_twice()
    {
        // 5,000 lines make a batch: the last line is the first line's person, met again in the next batch.
        var emails = Enumerable.Range(0, 5_001).Select(_ => Email()).ToList();
        var lines = emails.Select(email => Line(Elamasi, [Id("email", email)])).Append(Line(Perhe, [Id("email", emails[0])])).ToList();

        // The first batch's load waits until the second batch has looked up its identifiers: the split person is then
        // certainly prepared while the first batch is still committing.
        var loads = new List<BulkLoadOutcome>();
        var secondLookup = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var gateway = NewGateway(services =>
        {
            Wrap<IUniqueIndexStore>(services, (inner, _) => new LookupSignal(inner, "identifiers", lookups: 2, secondLookup));
            Wrap<IBulkGrainLoader>(services, (inner, _) => new RecordingLoader(inner, loads, firstLoadWaitsFor: secondLookup.Task));
        });
        var client = gateway.ClientFor("admin");

        var first = await ImportAsync(lines, client: client);
        var again = await ImportAsync(lines, client: client);

        Assert.Equal((5_002, 5_001, 1, 0), (Count(first, "rows"), Count(first, "created"), Count(first, "existing"), Count(first, "failed")));
        // The split person was seen to be in the batch still committing, not sent in bulk to conflict with it.
        Assert.Equal(2, loads.Count);
        Assert.All(loads, load => Assert.True(load.IsCommitted));
        Assert.Equal((5_002, 0, 5_002, 0), (Count(again, "rows"), Count(again, "created"), Count(again, "existing"), Count(again, "failed")));
        var subject = (await client.GetFromJsonAsync<JsonObject>($"/v1/subjects?identifier=email:{Uri.EscapeDataString(emails[0])}"))!;
        Assert.Equal([Elamasi, Perhe], Registers(subject).Order(StringComparer.Ordinal));
        // People built in other ranges of the batch (keys wrapped together, nonces from one supply per range) open as theirs.
        foreach (var line in new[] { 1, 2_500, 4_999 })
        {
            var other = (await client.GetFromJsonAsync<JsonObject>($"/v1/subjects?identifier=email:{Uri.EscapeDataString(emails[line])}"))!;
            Assert.Equal([Elamasi], Registers(other));
            Assert.Contains(emails[line], other.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_identifier_claimed_by_a_concurrent_enrolment_sends_that_person_one_by_one_to_the_winner()
    {
        var (raced, calm) = (Email(), Email());
        string? winner = null;
        await using var gateway = NewGateway(services => RaceFirstLoad(services, async provider =>
        {
            var enrolment = new Enrolment(Perhe, [new SubjectIdentifier(IdentifierKind.Email, raced)], null, new ContactData(), [], "web", null);
            winner = (await provider.GetRequiredService<SubjectDirectory>().EnrolAsync(enrolment, Actor.System)).SubjectId;
        }));
        var response = await gateway.ClientFor("admin").PostAsync("/v1/imports",
            new StringContent($"{Line(Elamasi, [Id("email", raced)])}\n{Line(Elamasi, [Id("email", calm)])}\n", Encoding.UTF8, "application/x-ndjson"));
        var outcome = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal((2, 1, 1, 0), (Count(outcome, "rows"), Count(outcome, "created"), Count(outcome, "existing"), Count(outcome, "failed")));
        var subject = (await gateway.ClientFor("admin").GetFromJsonAsync<JsonObject>($"/v1/subjects?identifier=email:{Uri.EscapeDataString(raced)}"))!;
        Assert.Equal(winner, subject["subjectId"]!.GetValue<string>());
        Assert.Equal([Elamasi, Perhe], Registers(subject).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_imported_person_is_erased_like_any_other_and_can_be_imported_afresh()
    {
        var email = Email();
        await ImportAsync([Line(Elamasi, [Id("email", email), Id("hetu", ValidHetu)])]);
        var subjectId = (await FindAsync("email", email))!["subjectId"]!.GetValue<string>();

        var operatorClient = Gateway.ClientFor("campaign-operator");
        var started = await operatorClient.PostAsJsonAsync("/v1/campaigns", new { kind = "erasure", selector = new { subjectIds = new[] { subjectId } }, dryRun = false });
        var campaignId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["campaignId"]!.GetValue<string>();
        Assert.True(await Eventually.TrueAsync(async () =>
            (await operatorClient.GetFromJsonAsync<JsonObject>($"/v1/campaigns/{campaignId}"))!["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(30)));

        var campaign = (await operatorClient.GetFromJsonAsync<JsonObject>($"/v1/campaigns/{campaignId}"))!;
        Assert.Equal(1, Count(campaign, "erased"));
        Assert.Null(await FindAsync("email", email));
        Assert.True((await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger/verification"))!["valid"]!.GetValue<bool>());
        var again = await ImportAsync([Line(Elamasi, [Id("email", email)])]);
        Assert.Equal(1, Count(again, "created"));
        Assert.NotEqual(subjectId, (await FindAsync("email", email))!["subjectId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_import_needs_json_lines_and_the_enrol_right()
    {
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostAsync([Line(Elamasi, [Id("email", Email())])], contentType: "text/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync([Line(Elamasi, [Id("email", Email())])], client: Gateway.ClientFor("marketing"))).StatusCode);
    }

    /// <summary>Runs <paramref name="race"/> just before the first bulk load reaches storage, as a concurrent enrolment would.</summary>
    private static void RaceFirstLoad(IServiceCollection services, Func<IServiceProvider, Task> race) =>
        Wrap<IBulkGrainLoader>(services, (inner, provider) => new RacingLoader(inner, () => race(provider)));

    private static void Wrap<TService>(IServiceCollection services, Func<TService, IServiceProvider, TService> wrap) where TService : class
    {
        var original = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(original);
        services.AddSingleton(provider => wrap((TService)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!), provider));
    }

    /// <summary>Completes <paramref name="signal"/> once the index has been looked up <paramref name="lookups"/> times in <paramref name="index"/>.</summary>
    private sealed class LookupSignal(IUniqueIndexStore inner, string index, int lookups, TaskCompletionSource signal) : IUniqueIndexStore
    {
        private int _seen;

        public async Task<IReadOnlyDictionary<string, string>> GetAsync(string indexName, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
        {
            var owners = await inner.GetAsync(indexName, keys, cancellationToken);
            if (indexName == index && Interlocked.Increment(ref _seen) == lookups)
            {
                signal.TrySetResult();
            }
            return owners;
        }

        public Task<IReadOnlyDictionary<string, string>> ClaimAsync(string indexName, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default) =>
            inner.ClaimAsync(indexName, keys, owner, cancellationToken);

        public Task<int> ReleaseAsync(string indexName, IReadOnlyCollection<string> keys, string? owner, CancellationToken cancellationToken = default) =>
            inner.ReleaseAsync(indexName, keys, owner, cancellationToken);

        public Task<IReadOnlyList<IndexEntry>> ListAsync(string indexName, string? afterKey, int limit, CancellationToken cancellationToken = default) =>
            inner.ListAsync(indexName, afterKey, limit, cancellationToken);

        public Task<IReadOnlyCollection<string>> ReplaceOwnersAsync(string indexName, IReadOnlyList<OwnerReplacement> replacements, CancellationToken cancellationToken = default) =>
            inner.ReplaceOwnersAsync(indexName, replacements, cancellationToken);

        public Task<IReadOnlyDictionary<string, long>> CountByOwnerTagAsync(string indexName, CancellationToken cancellationToken = default) =>
            inner.CountByOwnerTagAsync(indexName, cancellationToken);
    }

    private sealed class RecordingLoader(IBulkGrainLoader inner, List<BulkLoadOutcome> outcomes, Task firstLoadWaitsFor) : IBulkGrainLoader
    {
        private int _loads;

        public async Task<BulkLoadOutcome> LoadAsync(BulkLoad load, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _loads) == 1)
            {
                await firstLoadWaitsFor.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            }
            var outcome = await inner.LoadAsync(load, cancellationToken);
            lock (outcomes)
            {
                outcomes.Add(outcome);
            }
            return outcome;
        }
    }

    private sealed class RacingLoader(IBulkGrainLoader inner, Func<Task> race) : IBulkGrainLoader
    {
        private int _raced;

        public async Task<BulkLoadOutcome> LoadAsync(BulkLoad load, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _raced, 1) == 0)
            {
                await race();
            }
            return await inner.LoadAsync(load, cancellationToken);
        }
    }
}

[Collection(PostgresCollection4.Name)]
public sealed class PostgresImportTests(PostgresClusterFixture postgres, ClassGateway shared) : ImportTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteImportTests(ClassGateway shared) : ImportTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
