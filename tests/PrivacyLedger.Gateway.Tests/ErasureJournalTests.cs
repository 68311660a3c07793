using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Erasure survives a restore: a backup taken before people were erased is restored, and a gateway started on it with
/// the same erasure journal shreds them again before it serves (the drill); and the admin's on-demand reconciliation.
/// Each engine backs up and restores as an operator would (<see cref="BackupAsync"/>, <see cref="RestoreAsync"/>).
/// </summary>
public abstract class ErasureJournalTests : GatewayTestBase
{
    private const string Register = "pk-terveys-customers";

    private readonly string _journalFolder = Directory.CreateTempSubdirectory("erasure-journal-").FullName;

    private string? _configuredPath;

    protected string JournalPath => Path.Combine(_journalFolder, "erasures.journal");

    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Ledger:ErasureJournal:Path"] = _configuredPath ?? JournalPath,
    };

    /// <summary>Takes a backup of the ledger's storage while the gateway runs; returns where it is.</summary>
    protected abstract Task<string> BackupAsync(string folder);

    /// <summary>Restores the backup over the ledger's storage, with no gateway running.</summary>
    protected abstract Task RestoreAsync(string backup);

    private sealed record Person(string SubjectId, string Email, string Marker);

    private static async Task<Person> EnrolAsync(GatewayFactory gateway)
    {
        var email = $"p-{Guid.NewGuid():N}@example.fi";
        var marker = $"Marker{Guid.NewGuid():N}"[..20];
        var response = await gateway.ClientFor("service").PostAsJsonAsync($"/v1/registers/{Register}/members", new
        {
            identifiers = new[] { new { kind = "email", value = email } },
            contact = new { givenName = marker },
            categories = new[] { new { id = "basic-data" } },
            source = "drill",
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return new Person((await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>(), email, marker);
    }

    private static async Task EraseAsync(GatewayFactory gateway, IEnumerable<Person> people)
    {
        var client = gateway.ClientFor("campaign-operator");
        var started = await client.PostAsJsonAsync("/v1/campaigns", new { kind = "erasure", selector = new { subjectIds = people.Select(p => p.SubjectId) }, dryRun = false });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var campaignId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["campaignId"]!.GetValue<string>();
        Assert.True(await Eventually.TrueAsync(async () =>
            (await client.GetFromJsonAsync<JsonObject>($"/v1/campaigns/{campaignId}"))!["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(60)),
            "the erasure campaign did not complete");
    }

    private static Task<HttpResponseMessage> LookUpAsync(GatewayFactory gateway, Person person) =>
        gateway.ClientFor("privacy-officer").GetAsync($"/v1/subjects?identifier=email:{Uri.EscapeDataString(person.Email)}");

    private static async Task AssertErasedAsync(GatewayFactory gateway, Person person)
    {
        var officer = gateway.ClientFor("privacy-officer");
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/v1/subjects/{person.SubjectId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await LookUpAsync(gateway, person)).StatusCode);
        Assert.Null(await gateway.Services.GetRequiredService<DataKeyVault>().TryGetKeyAsync(person.SubjectId));
        // The ledger stays as proof, ends with the erasure, and every event's data is shredded.
        var ledger = await officer.GetStringAsync($"/v1/subjects/{person.SubjectId}/ledger?limit=1000");
        Assert.DoesNotContain(person.Marker, ledger, StringComparison.Ordinal);
        var items = JsonNode.Parse(ledger)!["items"]!.AsArray();
        Assert.Equal("subject.erased", items[^1]!["type"]!.GetValue<string>());
        Assert.All(items.Where(e => e!["sealedData"] is not null), e => Assert.True(e!["shredded"]!.GetValue<bool>()));
    }

    private static async Task AssertIntactAsync(GatewayFactory gateway, Person person)
    {
        var subject = await gateway.ClientFor("privacy-officer").GetStringAsync($"/v1/subjects/{person.SubjectId}");
        Assert.Contains(person.Marker, subject, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await LookUpAsync(gateway, person)).StatusCode);
        Assert.NotNull(await gateway.Services.GetRequiredService<DataKeyVault>().TryGetKeyAsync(person.SubjectId));
    }

    [Fact]
    public async Task People_erased_after_a_backup_stay_erased_when_it_is_restored()
    {
        var backupFolder = Directory.CreateTempSubdirectory("ledger-backup-").FullName;
        try
        {
            List<Person> erased, kept;
            string backup;
            IReadOnlyCollection<string> logsBefore;
            await using (var before = NewGateway())
            {
                var people = new List<Person>();
                for (var i = 0; i < 6; i++)
                {
                    people.Add(await EnrolAsync(before));
                }
                (erased, kept) = (people[..3], people[3..]);
                backup = await BackupAsync(backupFolder);
                await EraseAsync(before, erased);
                await AssertErasedAsync(before, erased[0]);
                logsBefore = before.Logs.Lines;
            }

            await RestoreAsync(backup);

            await using var after = NewGateway();
            foreach (var person in erased)
            {
                await AssertErasedAsync(after, person);
            }
            foreach (var person in kept)
            {
                await AssertIntactAsync(after, person);
            }
            // Reconciled at start-up, before the first request: the log says how many, and never who.
            var reconciled = Assert.Single(after.Logs.Lines, line => line.Contains("Erasure journal reconciled", StringComparison.Ordinal));
            Assert.Contains("3 keys live again, 3 shredded again", reconciled, StringComparison.Ordinal);
            Assert.DoesNotContain(after.Logs.Lines.Concat(logsBefore), line => line.Contains("Erasure journal", StringComparison.Ordinal)
                && erased.Exists(person => line.Contains(person.SubjectId, StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(backupFolder, recursive: true);
        }
    }

    [Fact]
    public async Task Reconciling_on_demand_reports_in_a_dry_run_and_shreds_for_real()
    {
        var admin = Gateway.ClientFor("admin");
        var decided = await EnrolAsync(Gateway);
        var other = await EnrolAsync(Gateway);
        // An erasure journalled whose commit never happened (a crash between the two): decided, so carried out.
        await File.AppendAllTextAsync(JournalPath, $$"""{"subjectId":"{{decided.SubjectId}}","erasedAt":"2026-12-01T10:00:00+00:00"}""" + "\n");

        var dryRun = await (await admin.PostAsync("/v1/erasures/reconcile", null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("""{"dryRun":true,"checked":1,"liveKeys":1,"reshredded":0,"unreadableLines":0}""", dryRun!.ToJsonString());
        await AssertIntactAsync(Gateway, decided);

        var real = await admin.PostAsJsonAsync("/v1/erasures/reconcile", new { dryRun = false });
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal("""{"dryRun":false,"checked":1,"liveKeys":1,"reshredded":1,"unreadableLines":0}""", (await real.Content.ReadFromJsonAsync<JsonObject>())!.ToJsonString());
        await AssertErasedAsync(Gateway, decided);
        await AssertIntactAsync(Gateway, other);

        // The re-erasure is journalled as the erasure it is, and finds nothing more to do.
        var again = await admin.PostAsJsonAsync("/v1/erasures/reconcile", new { dryRun = true });
        Assert.Equal("""{"dryRun":true,"checked":2,"liveKeys":0,"reshredded":0,"unreadableLines":0}""", (await again.Content.ReadFromJsonAsync<JsonObject>())!.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Gateway.ClientFor("privacy-officer").PostAsync("/v1/erasures/reconcile", null)).StatusCode);
    }

    [Fact]
    public async Task A_journal_location_that_cannot_be_written_stops_start_up_naming_the_setting()
    {
        var notAFolder = Path.Combine(_journalFolder, "a-file");
        await File.WriteAllTextAsync(notAFolder, "");
        _configuredPath = Path.Combine(notAFolder, "erasures.journal");

        var gateway = NewGateway();
        var failure = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());
        try
        {
            await gateway.DisposeAsync();
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentNullException or AggregateException)
        {
            // A host that never started fails to stop; nothing runs.
        }

        var problems = failure switch
        {
            OptionsValidationException invalid => invalid.Failures,
            AggregateException aggregate => aggregate.InnerExceptions.OfType<OptionsValidationException>().SelectMany(invalid => invalid.Failures),
            _ => throw new Xunit.Sdk.XunitException($"The gateway failed to start, but not on its settings: {failure}"),
        };
        Assert.Contains(problems, problem => problem.StartsWith("Ledger:ErasureJournal:Path: the erasure journal", StringComparison.Ordinal));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_journalFolder, recursive: true);
    }
}

[Collection(PostgresCollection2.Name)]
public sealed class PostgresErasureJournalTests(PostgresClusterFixture postgres) : ErasureJournalTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);

    private string Schema => PostgresClusterFixture.SchemaFor(GetType());

    protected override async Task<string> BackupAsync(string folder)
    {
        var dump = Path.Combine(folder, "ledger.sql");
        await postgres.Cluster.RunClientToolAsync("pg_dump", "--schema", Schema, "--file", dump);
        return dump;
    }

    protected override async Task RestoreAsync(string backup)
    {
        await using (var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA \"{Schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
        await postgres.Cluster.RunClientToolAsync("psql", "--quiet", "-v", "ON_ERROR_STOP=1", "--file", backup);
    }
}

public sealed class SqliteErasureJournalTests : ErasureJournalTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();

    private string DatabasePath => Path.Combine(StorageSettings()["Ledger:DataDirectory"]!, "ledger.db");

    // SQLite's online backup API: a consistent copy, WAL included, while the gateway writes.
    protected override Task<string> BackupAsync(string folder)
    {
        var backup = Path.Combine(folder, "ledger.db");
        Copy(DatabasePath, backup);
        return Task.FromResult(backup);
    }

    protected override Task RestoreAsync(string backup)
    {
        Copy(backup, DatabasePath);
        return Task.CompletedTask;
    }

    // The backup API has no busy handler of its own (a command's timeout does not cover it): a lock the running gateway
    // holds for a moment (its checkpoint) fails a step with SQLITE_BUSY or SQLITE_LOCKED, which sqlite3's .backup would wait out.
    private static void Copy(string from, string to)
    {
        using var source = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={from};Pooling=False");
        using var target = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={to};Pooling=False");
        source.Open();
        target.Open();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.BackupDatabase(target);
                return;
            }
            catch (Microsoft.Data.Sqlite.SqliteException busy) when (busy.SqliteErrorCode is 5 or 6 && attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }
}
