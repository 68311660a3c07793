using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Storage.Postgres.Tests;

/// <summary>
/// Schema version 10 (identifier claims in fixed-width rows of their own table): the upgrade from version 9, what the
/// stores find and change after it, and the refusal of a version-9 identifier claim that a uuid cannot hold.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIdentifierClaimsUpgradeTests(PostgresClusterFixture postgres)
{
    /// <summary>This upgrade's version (10 when written; found by name, should the scripts be renumbered).</summary>
    private static readonly int Upgrade = PostgresCompactKeysUpgradeTests.VersionOf("identifier_claims");

    private const string Subject = "5ab1e0c0ffee4d2a9b7c3e1f00aa11bb";

    private const string Other = "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b";

    private static readonly string[] Hashes = ["000102030405060708090a0b0c0d0e0f", "f0e0d0c0b0a090807060504030201000", "00000000000000000000000000000001"];

    [Fact]
    public async Task A_database_of_schema_version_9_finds_claims_against_and_releases_its_identifier_claims_after_the_upgrade()
    {
        const string schema = "identifier_claims_from_v9";
        // Version 9's rows: identifier claims among the other indexes' in unique_index, keys and owners in CompactKey form.
        await CreateBeforeUpgradeAsync(schema, $"""
            INSERT INTO service (service_id) VALUES ('privacy-ledger');
            INSERT INTO names (name) VALUES ('identifiers'), ('suppressions');
            INSERT INTO unique_index (index_id, index_key, owner)
            SELECT n.id, c.index_key, c.owner FROM (VALUES
                ('identifiers', '\x01{Hashes[0]}'::bytea, '\x01{Subject}'::bytea),
                ('identifiers', '\x01{Hashes[1]}', '\x01{Subject}'),
                ('identifiers', '\x01{Hashes[2]}', '\x01{Other}'),
                ('suppressions', '\x01{Hashes[0]}', '\x02' || convert_to('direct-marketing', 'UTF8'))
            ) AS c(index_name, index_key, owner) JOIN names AS n ON n.name = c.index_name;
            """);

        await using var services = await PostgresCompactKeysUpgradeTests.MigratedAsync(postgres, schema);
        var index = services.GetRequiredService<IUniqueIndexStore>();

        Assert.Equal(new Dictionary<string, string> { [Hashes[0]] = Subject, [Hashes[1]] = Subject, [Hashes[2]] = Other },
            await index.GetAsync(UniqueIndexes.Identifiers, Hashes));
        Assert.Equal(new Dictionary<string, string> { [Hashes[0]] = "direct-marketing" }, await index.GetAsync("suppressions", Hashes));
        // A claim by another subject is refused (the stored owner answers); a release by another owner removes nothing, by its own the key.
        Assert.Equal(Subject, (await index.ClaimAsync(UniqueIndexes.Identifiers, [Hashes[0]], Other))[Hashes[0]]);
        Assert.Equal(0, await index.ReleaseAsync(UniqueIndexes.Identifiers, [Hashes[1]], Other));
        Assert.Equal(1, await index.ReleaseAsync(UniqueIndexes.Identifiers, [Hashes[1]], Subject));
        Assert.Equal([Hashes[2], Hashes[0]], (await index.GetAsync(UniqueIndexes.Identifiers, Hashes)).Keys.Order(StringComparer.Ordinal));

        await using var check = new NpgsqlConnection($"{postgres.ConnectionString};Search Path={schema}");
        await check.OpenAsync();
        Assert.Equal("index_key uuid, owner uuid", await PostgresCompactKeysUpgradeTests.ScalarAsync<string>(check, $"""
            SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position)
              FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name = 'identifier_claims'
            """));
        Assert.Equal(1L, await PostgresCompactKeysUpgradeTests.ScalarAsync<long>(check, "SELECT count(*) FROM unique_index"));
        Assert.Equal(1L, await PostgresCompactKeysUpgradeTests.ScalarAsync<long>(check, $"SELECT count(*) FROM schema_migrations WHERE version = {Upgrade}"));
    }

    [Fact]
    public async Task A_version_9_identifier_claim_a_uuid_cannot_hold_is_not_upgraded_and_says_why()
    {
        const string schema = "identifier_claims_refused";
        await CreateBeforeUpgradeAsync(schema, $"""
            INSERT INTO service (service_id) VALUES ('privacy-ledger');
            INSERT INTO names (name) VALUES ('identifiers');
            INSERT INTO unique_index (index_id, index_key, owner)
            SELECT id, '\x01{Hashes[0]}', '\x02' || convert_to('request/{Subject}', 'UTF8') FROM names WHERE name = 'identifiers';
            """);

        var failed = await Assert.ThrowsAsync<PostgresException>(() => PostgresCompactKeysUpgradeTests.MigratedAsync(postgres, schema));

        Assert.Contains("\"identifiers\" that is not 32 hex characters", failed.MessageText, StringComparison.Ordinal);
        Assert.DoesNotContain(Subject, failed.MessageText, StringComparison.Ordinal);
        await using var check = new NpgsqlConnection($"{postgres.ConnectionString};Search Path={schema}");
        await check.OpenAsync();
        Assert.Equal(Upgrade - 1, await PostgresCompactKeysUpgradeTests.ScalarAsync<int>(check, "SELECT max(version) FROM schema_migrations"));
        Assert.Equal(1L, await PostgresCompactKeysUpgradeTests.ScalarAsync<long>(check, "SELECT count(*) FROM unique_index"));
    }

    /// <summary>A fresh schema as the version before this upgrade left it, holding the rows <paramref name="sql"/> inserts.</summary>
    private Task CreateBeforeUpgradeAsync(string schema, string sql) =>
        PostgresCompactKeysUpgradeTests.CreateSchemaAtVersionAsync(postgres, schema, Upgrade - 1, sql);
}
