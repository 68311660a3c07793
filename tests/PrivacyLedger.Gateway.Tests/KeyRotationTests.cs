using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// A master key rotation end to end, on both engines: people enrolled under version 1, a restart with versions 1 and 2
/// (reads, lookups and erasures while the re-wrap runs), the re-wrap to completion, and a restart where version 1
/// wraps nothing any more (retired, kept only for the identifier index).
/// </summary>
public abstract class KeyRotationTests : GatewayTestBase
{
    private const string Register = "plusterveys-corporate"; // no legal hold: an erasure completes at once
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string FirstKey = Convert.ToBase64String("test-master-key-of-32-bytes-long"u8.ToArray()); // the factory's Ledger:MasterKey
    private static readonly string SecondKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private Dictionary<string, string?> _keys = [];

    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => _keys;

    private static Dictionary<string, string?> BothVersions() => new()
    {
        ["Ledger:MasterKeys:0:Version"] = "2",
        ["Ledger:MasterKeys:0:Key"] = SecondKey,
    };

    private static Dictionary<string, string?> SecondOnly() => new()
    {
        ["Ledger:MasterKey"] = "",
        ["Ledger:MasterKeys:0:Version"] = "1",
        ["Ledger:MasterKeys:0:Key"] = FirstKey,
        ["Ledger:MasterKeys:0:Retired"] = "true",
        ["Ledger:MasterKeys:1:Version"] = "2",
        ["Ledger:MasterKeys:1:Key"] = SecondKey,
        ["Ledger:IdentifierKeyVersion"] = "1",
    };

    private sealed record Person(string SubjectId, string Email, string Hetu);

    [Fact]
    public async Task People_stay_readable_and_findable_through_a_rotation_and_erased_people_stay_erased()
    {
        // Version 1 only, as every deployment before rotation.
        var people = new List<Person>();
        var ledgers = new Dictionary<string, string>();
        await using (var first = NewGateway())
        {
            for (var i = 0; i < 6; i++)
            {
                people.Add(await EnrolAsync(first));
            }
            foreach (var person in people)
            {
                ledgers[person.SubjectId] = await LedgerDataAsync(first, person);
                await AssertReadableAsync(first, person, ledgers[person.SubjectId]);
            }
            Assert.Equal([(1, 6L)], Counts(await StatusAsync(first)));
        }

        // Settings without version 1 for wrapping while keys still use it: refused at start-up, naming the setting.
        _keys = SecondOnly();
        await using (var refused = NewGateway())
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(() => refused.CreateClient()));
            Assert.Contains("Ledger:MasterKeys: 6 stored data keys are wrapped under version 1", failure.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(FirstKey, failure.ToString(), StringComparison.Ordinal);
        }

        // Versions 1 and 2: the re-wrap starts by itself. This node dies after half of its first batch has committed.
        _keys = BothVersions();
        var crashPoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var neverCommitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var crashing = NewGateway(services => HoldSwaps(services, crashPoint, neverCommitted.Task, commitFirst: 3), stopsMidWork: true);
        try
        {
            _ = crashing.Server; // started: the re-wrap begins at start-up
            await crashPoint.Task.WaitAsync(Patience);
        }
        finally
        {
            // The rest of the batch never reaches storage; the held call ends rather than holding the silo's stop up.
            neverCommitted.SetException(new IOException("The node died before the rest of the batch committed."));
            await crashing.StopMidWorkAsync();
        }

        // Restarted: the re-wrap goes on from what committed; its first swap is held until reads and an erasure have run.
        var swapReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var swapGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var rotating = NewGateway(services => HoldSwaps(services, swapReached, swapGate)))
        {
            _ = rotating.Server;
            await swapReached.Task.WaitAsync(Patience);
            var stored = await rotating.Services.GetRequiredService<IUniqueIndexStore>().GetAsync("data-keys", [.. people.Select(p => p.SubjectId)]);
            var stillFirst = people.Where(p => WrappedKey.VersionOf(stored[p.SubjectId]) == 1).ToList();
            Assert.Equal(3, stillFirst.Count);
            foreach (var person in people)
            {
                await AssertReadableAsync(rotating, person, ledgers[person.SubjectId]);
            }
            // Erased before its key is swapped: the swap finds nothing and brings nothing back.
            var (erasedBeforeSwap, erasedAfterSwap) = (stillFirst[0], stillFirst[1]);
            await EraseAsync(rotating, erasedBeforeSwap);
            people.Add(await EnrolAsync(rotating));
            swapGate.SetResult();

            Assert.True(await Eventually.TrueAsync(async () => await StatusAsync(rotating) is { Running: false } status && Counts(status).SequenceEqual([(2, 6L)]), Patience));
            // Erased after its key was swapped, by a subject activation that read the version-1 form before the swap.
            await EraseAsync(rotating, erasedAfterSwap);
            var status = await StatusAsync(rotating);
            Assert.Equal(2, status.NewestVersion);
            Assert.Equal([(2, 5L)], Counts(status));
            // Only the keys still under version 1 after the crash, less the one erased meanwhile: nothing wrapped twice.
            Assert.Equal(2, status.Rewrapped);
            Assert.NotNull(status.CompletedAt);
            // Progress in counts only, in the metrics and the log; never a subject.
            var scrape = await rotating.ClientFor("admin").GetStringAsync("/metrics");
            var rewrappedLine = scrape.Split('\n').First(line => line.StartsWith("privacyledger_keys_rewrapped_total", StringComparison.Ordinal));
            // At least this node's two: every gateway of the test process reports to the same listener.
            Assert.True(long.Parse(rewrappedLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= 2, rewrappedLine);
            Assert.Contains(rotating.Logs.Lines, line => line.Contains("pass done, 6 data keys examined, 2 moved to version 2", StringComparison.Ordinal));
            var rotationLines = rotating.Logs.Lines.Where(line => line.StartsWith("PrivacyLedger.Ledger.Crypto.", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(rotationLines);
            Assert.DoesNotContain(rotationLines, line => people.Any(person => line.Contains(person.SubjectId, StringComparison.Ordinal) || line.Contains(person.Email, StringComparison.Ordinal)));
            people.Remove(erasedBeforeSwap);
            people.Remove(erasedAfterSwap);
            people.InsertRange(0, [erasedBeforeSwap, erasedAfterSwap]);
        }

        // Version 2 alone wraps; version 1 is retired, kept only because the identifier index is keyed by it.
        _keys = SecondOnly();
        await using var after = NewGateway();
        foreach (var person in people.Skip(2))
        {
            await AssertReadableAsync(after, person, ledgers.GetValueOrDefault(person.SubjectId));
        }
        foreach (var erased in people.Take(2))
        {
            await AssertErasedAsync(after, erased);
        }
        Assert.Equal([(2, 5L)], Counts(await StatusAsync(after)));
    }

    private static IEnumerable<(int, long)> Counts(KeyRotationStatus status) => status.Versions.Select(v => (v.Version, v.DataKeys));

    private static async Task<KeyRotationStatus> StatusAsync(GatewayFactory gateway)
    {
        var response = await gateway.ClientFor("admin").GetAsync("/v1/keys/rotation");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<KeyRotationStatus>())!;
    }

    private static async Task<Person> EnrolAsync(GatewayFactory gateway)
    {
        var (email, hetu) = ($"rotation-{Guid.NewGuid():N}@example.fi", TestHetu.Next());
        var response = await gateway.ClientFor("service").PostAsJsonAsync($"/v1/registers/{Register}/members", new
        {
            identifiers = new object[] { new { kind = "email", value = email }, new { kind = "hetu", value = hetu } },
            contact = new { givenName = "Maija", familyName = "Meikäläinen", email },
            categories = new[] { new { id = "contact-person" } },
            source = "customer-service",
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var subjectId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
        await gateway.ClientFor("service").PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/direct-marketing", new { channels = new[] { "email" }, source = "web-form" });
        return new Person(subjectId, email, hetu);
    }

    /// <summary>The ledger's decrypted event data, which only the person's data key opens.</summary>
    private static async Task<string> LedgerDataAsync(GatewayFactory gateway, Person person)
    {
        var ledger = await gateway.ClientFor("privacy-officer").GetFromJsonAsync<JsonObject>($"/v1/subjects/{person.SubjectId}/ledger?limit=5");
        var data = ledger!["items"]!.AsArray().Select(item => item!["data"]).Where(data => data is not null).Select(data => data!.ToJsonString()).ToList();
        Assert.NotEmpty(data);
        return string.Join("\n", data);
    }

    private static async Task AssertReadableAsync(GatewayFactory gateway, Person person, string? ledgerData)
    {
        var officer = gateway.ClientFor("privacy-officer");
        var found = await officer.GetFromJsonAsync<JsonObject>($"/v1/subjects?identifier=email:{Uri.EscapeDataString(person.Email)}");
        Assert.Equal(person.SubjectId, found!["subjectId"]!.GetValue<string>());
        var byHetu = await officer.GetFromJsonAsync<JsonObject>($"/v1/subjects?identifier=hetu:{person.Hetu}");
        Assert.Equal(person.SubjectId, byHetu!["subjectId"]!.GetValue<string>());
        var subject = await officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{person.SubjectId}");
        Assert.Equal(person.Email, subject!["contact"]!["email"]!.GetValue<string>());
        if (ledgerData is not null)
        {
            Assert.Equal(ledgerData, await LedgerDataAsync(gateway, person));
        }
        // The sealed identity code opens only with the person's data key, in their own access export.
        var export = await gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<ISubjectGrain>(person.SubjectId)
            .ExportAsync($"rotation-check-{Guid.NewGuid():N}", portability: false, Actor.System);
        Assert.Contains(person.Hetu, export.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task EraseAsync(GatewayFactory gateway, Person person)
    {
        var created = await gateway.ClientFor("service").PostAsJsonAsync("/v1/requests", new { type = "erasure", subject = new { subjectId = person.SubjectId }, channel = "email" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var requestId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
        var officer = gateway.ClientFor("privacy-officer");
        var verified = await officer.PostAsJsonAsync($"/v1/requests/{requestId}/verification", new { method = "strong-electronic-identification", verifiedBy = "officer-anna" });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.True(await Eventually.TrueAsync(async () =>
            (await officer.GetFromJsonAsync<JsonObject>($"/v1/requests/{requestId}"))!["status"]!.GetValue<string>() == "completed", Patience));
        await AssertErasedAsync(gateway, person);
    }

    private static async Task AssertErasedAsync(GatewayFactory gateway, Person person)
    {
        var officer = gateway.ClientFor("privacy-officer");
        Assert.Null(await gateway.Services.GetRequiredService<DataKeyVault>().TryGetKeyAsync(person.SubjectId));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/v1/subjects/{person.SubjectId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/v1/subjects?identifier=email:{Uri.EscapeDataString(person.Email)}")).StatusCode);
        var ledger = await officer.GetFromJsonAsync<JsonObject>($"/v1/subjects/{person.SubjectId}/ledger?limit=50");
        Assert.All(ledger!["items"]!.AsArray(), item => Assert.Null(item!["data"]));
    }

    /// <summary>
    /// Holds the re-wrap's compare-and-swap batches until <paramref name="gate"/> opens, after committing the first
    /// <paramref name="commitFirst"/> swaps of a batch (a crash between two commits); <paramref name="reached"/> says one is held.
    /// </summary>
    private static void HoldSwaps(IServiceCollection services, TaskCompletionSource reached, Task gate, int commitFirst = 0)
    {
        var original = services.Last(d => d.ServiceType == typeof(IUniqueIndexStore));
        services.Remove(original);
        services.AddSingleton<IUniqueIndexStore>(provider =>
            new HeldSwaps((IUniqueIndexStore)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!), reached, gate, commitFirst));
    }

    private static void HoldSwaps(IServiceCollection services, TaskCompletionSource reached, TaskCompletionSource gate) => HoldSwaps(services, reached, gate.Task);

    private sealed class HeldSwaps(IUniqueIndexStore inner, TaskCompletionSource reached, Task gate, int commitFirst) : IUniqueIndexStore
    {
        public async Task<IReadOnlyCollection<string>> ReplaceOwnersAsync(string index, IReadOnlyList<OwnerReplacement> replacements, CancellationToken cancellationToken = default)
        {
            IReadOnlyCollection<string> committed = commitFirst > 0 ? await inner.ReplaceOwnersAsync(index, [.. replacements.Take(commitFirst)], cancellationToken) : [];
            reached.TrySetResult();
            await gate.WaitAsync(cancellationToken);
            return [.. committed, .. await inner.ReplaceOwnersAsync(index, [.. replacements.Skip(commitFirst)], cancellationToken)];
        }

        public Task<IReadOnlyDictionary<string, string>> ClaimAsync(string index, IReadOnlyCollection<string> keys, string owner, CancellationToken cancellationToken = default) =>
            inner.ClaimAsync(index, keys, owner, cancellationToken);

        public Task<IReadOnlyDictionary<string, string>> GetAsync(string index, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            inner.GetAsync(index, keys, cancellationToken);

        public Task<int> ReleaseAsync(string index, IReadOnlyCollection<string> keys, string? owner, CancellationToken cancellationToken = default) =>
            inner.ReleaseAsync(index, keys, owner, cancellationToken);

        public Task<IReadOnlyList<IndexEntry>> ListAsync(string index, string? afterKey, int limit, CancellationToken cancellationToken = default) =>
            inner.ListAsync(index, afterKey, limit, cancellationToken);

        public Task<IReadOnlyDictionary<string, long>> CountByOwnerTagAsync(string index, CancellationToken cancellationToken = default) =>
            inner.CountByOwnerTagAsync(index, cancellationToken);
    }
}

[Collection(PostgresCollection2.Name)]
public sealed class PostgresKeyRotationTests(PostgresClusterFixture postgres) : KeyRotationTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteKeyRotationTests : KeyRotationTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
