using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.Storage;

/// <summary>
/// Issue 13: the storage itself holds no one's personal data in clear. People are enrolled through the API with a
/// marker in every personal field, changed, make requests, and some are erased; then every byte of the database's
/// files (free pages, WAL) and the gateway's log is searched for every marker: none may be found, for anyone, live
/// or erased. Keyed hashes of identifiers are not markers. On both engines (<see cref="PostgresPlaintextScanTests"/>,
/// <see cref="SqlitePlaintextScanTests"/>).
/// </summary>
public abstract class PlaintextScanTests : GatewayTestBase
{
    private const string Corporate = "plusterveys-corporate";
    private const string Category = "contact-person";

    private HttpClient Admin => Gateway.ClientFor("admin");

    /// <summary>Makes the database's recent writes reach its files (a checkpoint).</summary>
    protected abstract Task CheckpointAsync();

    /// <summary>Every file of the database: data, free pages, WAL.</summary>
    protected abstract IEnumerable<string> DatabaseFiles();

    [Fact]
    public async Task No_marker_of_anyone_live_or_erased_is_found_in_the_database_files_or_the_log()
    {
        var externalRegister = await AddExternalRegisterAsync();
        var people = Enumerable.Range(0, 4).Select(_ => new Person()).ToList();
        foreach (var (person, i) in people.Select((person, i) => (person, i)))
        {
            // Every other person first comes in through the bulk import, which seals the state its own way.
            await EnrolAndChangeAsync(person, externalRegister, imported: i % 2 == 1);
            await RequestAsync(person);
        }
        // Half of them are erased; their erasure waits for the external register's confirmation, which names its evidence.
        foreach (var person in people.Take(2))
        {
            await EraseAsync(person, externalRegister);
        }

        // Sealed is not lost: the live see their data in clear through the API, the erased are gone.
        var live = people[2];
        var subject = (await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{live.SubjectId}"))!;
        Assert.Equal(live.Rectified, subject["contact"]!["givenName"]!.GetValue<string>());
        Assert.Equal(live.Address2, subject["contact"]!["address"]!.GetValue<string>());
        Assert.Contains(subject["identifiers"]!.AsArray(), identifier => identifier!["value"]!.GetValue<string>() == live.Email);
        Assert.Contains(subject["memberships"]!.AsArray(), membership => membership!["externalId"]?.GetValue<string>() == live.ExternalId2);
        Assert.Equal(live.ConsentEvidence, subject["consents"]![0]!["evidence"]!.GetValue<string>());
        var members = (await Admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{Corporate}/members?limit=100"))!;
        Assert.Contains(members["items"]!.AsArray(), member => member!["externalId"]?.GetValue<string>() == live.ExternalId2);
        var request = (await Admin.GetFromJsonAsync<JsonObject>($"/v1/requests/{live.AccessRequestId}"))!;
        Assert.Equal(live.VerifiedBy, request["verification"]!["verifiedBy"]!.GetValue<string>());
        Assert.Equal(live.ExtensionReason, request["extension"]!["reason"]!.GetValue<string>());
        var erased = people[0];
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/v1/subjects/{erased.SubjectId}")).StatusCode);
        // The erased person's requests still answer, their personal fields unreadable, never an error.
        var erasedRequest = (await Admin.GetFromJsonAsync<JsonObject>($"/v1/requests/{erased.ErasureRequestId}"))!;
        Assert.Equal("completed", erasedRequest["status"]!.GetValue<string>());
        Assert.Equal("", erasedRequest["verification"]!["verifiedBy"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync($"/v1/requests/{erased.AccessRequestId}")).StatusCode);

        await CheckpointAsync();
        var scanner = new MarkerScanner(people.SelectMany(person => person.Markers));
        var files = DatabaseFiles().ToList();
        Assert.NotEmpty(files);
        var found = scanner.Scan(files);
        found.AddRange(scanner.ScanText("the log", Gateway.Logs.Lines));

        Assert.True(found.Count == 0, $"{found.Count} plaintext markers found:\n{string.Join('\n', found.Take(60))}");
    }

    private async Task<string> AddExternalRegisterAsync()
    {
        var registerId = $"ext-{Guid.NewGuid():N}"[..16];
        var definition = (await Admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{Corporate}"))!["definition"]!.DeepClone().AsObject();
        definition["id"] = registerId;
        foreach (var category in definition["categories"]!.AsArray())
        {
            category!["external"] = true;
        }
        var response = await Admin.PutAsJsonAsync($"/v1/registers/{registerId}", definition);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return registerId;
    }

    private async Task EnrolAndChangeAsync(Person person, string externalRegister, bool imported)
    {
        object[] identifiers =
        [
            new { kind = "email", value = person.Email },
            new { kind = "phone", value = person.Phone },
            new { kind = "hetu", value = person.Hetu },
            new { kind = "customer-number", value = person.CustomerNumber },
        ];
        var enrolment = new
        {
            identifiers,
            externalId = person.ExternalId,
            contact = new { givenName = person.GivenName, familyName = person.FamilyName, email = person.Email, phone = person.Phone, address = person.Address },
            categories = new[] { new { id = Category } },
            source = person.Source,
        };
        if (imported)
        {
            var line = JsonSerializer.Serialize(new { registerId = Corporate, enrolment.identifiers, enrolment.externalId, enrolment.contact, enrolment.categories, enrolment.source });
            var import = await Admin.PostAsync("/v1/imports", new StringContent(line + "\n", Encoding.UTF8, "application/x-ndjson"));
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
            var found = (await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects?identifier=email:{Uri.EscapeDataString(person.Email)}"))!;
            person.SubjectId = found["subjectId"]!.GetValue<string>();
        }
        else
        {
            person.SubjectId = (await PostOkAsync($"/v1/registers/{Corporate}/members", enrolment))["subjectId"]!.GetValue<string>();
        }
        await PostOkAsync($"/v1/registers/{externalRegister}/members", new
        {
            identifiers = new object[] { new { kind = "email", value = person.Email } },
            externalId = person.ExternalId,
            categories = new[] { new { id = Category } },
            source = person.Source,
        });
        // Changed: a new address and external id, enrolled again.
        await PostOkAsync($"/v1/registers/{Corporate}/members", new
        {
            identifiers = new object[] { new { kind = "email", value = person.Email } },
            externalId = person.ExternalId2,
            contact = new { address = person.Address2 },
            categories = new[] { new { id = Category } },
            source = person.Source,
        });
        await PutNoContentAsync($"/v1/subjects/{person.SubjectId}/consents/direct-marketing",
            new { channels = new[] { "email" }, source = person.ConsentSource, evidence = person.ConsentEvidence });
        await PutNoContentAsync($"/v1/subjects/{person.SubjectId}/objections/profiling",
            new { channels = Array.Empty<string>(), source = person.ObjectionSource, evidence = person.ObjectionEvidence });
        await PutNoContentAsync($"/v1/subjects/{person.SubjectId}/restrictions/{externalRegister}", new { reason = person.RestrictionReason });
    }

    private async Task RequestAsync(Person person)
    {
        var subject = new { subjectId = person.SubjectId };
        var access = await CreateRequestAsync(new { type = "access", subject, channel = "web", details = new { reason = person.AccessReason } });
        person.AccessRequestId = access;
        await PostOkAsync($"/v1/requests/{access}/extension", new { months = 1, reason = person.ExtensionReason });
        await PostOkAsync($"/v1/requests/{access}/verification", new { method = "strong-electronic-identification", verifiedBy = person.VerifiedBy });
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync($"/v1/requests/{access}/export")).StatusCode);

        var rectification = await CreateRequestAsync(new
        {
            type = "rectification", subject, channel = "letter",
            details = new { contact = new { givenName = person.Rectified }, source = person.RectificationSource, reason = person.RectificationReason },
        });
        var rectified = await PostOkAsync($"/v1/requests/{rectification}/verification", new { method = "signed-letter", verifiedBy = person.VerifiedBy });
        Assert.Equal("completed", rectified["status"]!.GetValue<string>());

        var objection = await CreateRequestAsync(new { type = "objection", subject, channel = "phone", details = new { scope = "direct-marketing", reason = person.ObjectionReason } });
        await PostOkAsync($"/v1/requests/{objection}/refusal", new { reason = "manifestly-unfounded", explanation = person.RefusalExplanation });

        var restriction = await CreateRequestAsync(new { type = "restriction", subject, channel = "email", details = new { reason = person.RestrictionRequestReason } });
        await PostOkAsync($"/v1/requests/{restriction}/cancellation", new { reason = person.CancellationReason });
    }

    private async Task EraseAsync(Person person, string externalRegister)
    {
        var erasure = await CreateRequestAsync(new { type = "erasure", subject = new { subjectId = person.SubjectId }, channel = "email", details = new { reason = person.ErasureReason } });
        person.ErasureRequestId = erasure;
        await PostOkAsync($"/v1/requests/{erasure}/verification", new { method = "in-person", verifiedBy = person.VerifiedBy });
        var confirmed = await PostOkAsync($"/v1/requests/{erasure}/tasks/{externalRegister}/confirmation",
            new { confirmedBy = person.ConfirmedBy, evidence = person.ConfirmationEvidence });
        Assert.Equal("completed", confirmed["status"]!.GetValue<string>());
    }

    private async Task<string> CreateRequestAsync(object body) =>
        (await PostOkAsync("/v1/requests", body))["requestId"]!.GetValue<string>();

    private async Task<JsonObject> PostOkAsync(string path, object body)
    {
        var response = await Admin.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task PutNoContentAsync(string path, object body)
    {
        var response = await Admin.PutAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>One person's marker values: each unique to the person and the field, so a hit says whose and which.</summary>
    private sealed class Person
    {
        private readonly string _tag = Guid.NewGuid().ToString("N")[..12];

        public string? SubjectId { get; set; }
        public string? AccessRequestId { get; set; }
        public string? ErasureRequestId { get; set; }

        public string GivenName => $"GivenName{_tag}";
        public string FamilyName => $"FamilyName{_tag}";
        public string Email => $"email{_tag}@example.fi";
        public string Phone { get; } = $"+35840{Random.Shared.Next(1_000_000, 9_999_999)}";
        public string Hetu { get; } = TestHetu.Next();
        public string CustomerNumber => $"CN{_tag}";
        public string ExternalId => $"ExternalId{_tag}";
        public string ExternalId2 => $"ExternalIdTwo{_tag}";
        public string Address => $"Address{_tag} katu 1";
        public string Address2 => $"AddressTwo{_tag} tie 2";
        public string Source => $"Source{_tag}";
        public string ConsentSource => $"ConsentSource{_tag}";
        public string ConsentEvidence => $"ConsentEvidence{_tag}";
        public string ObjectionSource => $"ObjectionSource{_tag}";
        public string ObjectionEvidence => $"ObjectionEvidence{_tag}";
        public string RestrictionReason => $"RestrictionReason{_tag}";
        public string AccessReason => $"AccessReason{_tag}";
        public string ExtensionReason => $"ExtensionReason{_tag}";
        public string VerifiedBy => $"VerifiedBy{_tag}";
        public string Rectified => $"Rectified{_tag}";
        public string RectificationSource => $"RectificationSource{_tag}";
        public string RectificationReason => $"RectificationReason{_tag}";
        public string ObjectionReason => $"ObjectionReason{_tag}";
        public string RefusalExplanation => $"RefusalExplanation{_tag}";
        public string RestrictionRequestReason => $"RestrictionRequestReason{_tag}";
        public string CancellationReason => $"CancellationReason{_tag}";
        public string ErasureReason => $"ErasureReason{_tag}";
        public string ConfirmedBy => $"ConfirmedBy{_tag}";
        public string ConfirmationEvidence => $"ConfirmationEvidence{_tag}";

        public IEnumerable<string> Markers =>
        [
            GivenName, FamilyName, Email, Phone, Hetu, CustomerNumber, ExternalId, ExternalId2, Address, Address2, Source,
            ConsentSource, ConsentEvidence, ObjectionSource, ObjectionEvidence, RestrictionReason, AccessReason, ExtensionReason,
            VerifiedBy, Rectified, RectificationSource, RectificationReason, ObjectionReason, RefusalExplanation,
            RestrictionRequestReason, CancellationReason, ErasureReason, ConfirmedBy, ConfirmationEvidence,
        ];
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresPlaintextScanTests(PostgresClusterFixture postgres) : PlaintextScanTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);

    protected override async Task CheckpointAsync()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CHECKPOINT", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The whole data directory, pg_wal included (the tests run as root, so the postgres user's files are readable).</summary>
    protected override IEnumerable<string> DatabaseFiles() =>
        Directory.EnumerateFiles(postgres.Cluster.DataDirectory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false });
}

public sealed class SqlitePlaintextScanTests : PlaintextScanTests
{
    private readonly TemporaryDatabaseFile _file = new();

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => new Dictionary<string, string?>
    {
        ["Ledger:DataDirectory"] = Path.GetDirectoryName(_file.Path),
    };

    /// <summary>
    /// Copies the WAL's pages into the main file. PASSIVE leaves the -wal file as it was, so the scan reads every
    /// page version twice over: in the WAL, where the history of each write stays, and in the main file.
    /// </summary>
    protected override async Task CheckpointAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every file in the database's folder: the database with its free pages, its -wal and -shm.</summary>
    protected override IEnumerable<string> DatabaseFiles() => Directory.EnumerateFiles(Path.GetDirectoryName(_file.Path)!);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
    }
}
