using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Storage.Postgres.Tests;

/// <summary>
/// Schema version 9 (17-byte ledger stream ids, integer sequence numbers): the upgrade from version 8, the rows after it,
/// and the stores' refusal of a sequence number the integer cannot hold.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStreamKeysUpgradeTests(PostgresClusterFixture postgres)
{
    private static readonly IReadOnlyList<SchemaScript> Scripts = SchemaScript.LoadEmbedded(typeof(PostgresSchemaMigrator).Assembly);

    /// <summary>This upgrade's version (9 when written; found by name, should the scripts be renumbered), and the one before it.</summary>
    private static readonly int Upgrade = Scripts.Single(script => script.Name == "stream_keys").Version;

    [Fact]
    public async Task A_database_of_schema_version_8_finds_every_ledger_key_in_its_new_form_after_the_upgrade()
    {
        const string schema = "stream_keys_from_v8";
        // Version 8's rows: "ledger/<hex>" in the prefix form wherever a key or owner is stored, seq a bigint.
        var names = StreamKeysUpgrade.Grains.Select(grain => grain.Type).Concat(StreamKeysUpgrade.Claims.Select(claim => claim.Index)).Distinct();
        await CreateBeforeUpgradeAsync(schema, $"""
            INSERT INTO service (service_id) VALUES ('privacy-ledger');
            INSERT INTO names (name) VALUES {string.Join(", ", names.Select(name => $"('{name}')"))};
            INSERT INTO grain_state (version, grain_type, payload, grain_key)
            SELECT g.version, n.id, g.payload, g.grain_key FROM (VALUES
                {string.Join(",\n", StreamKeysUpgrade.Grains.Select(g => $"({g.Version}, '{g.Type}', '\\x{StreamKeysUpgrade.Hex(g.Payload)}'::bytea, '\\x{StreamKeysUpgrade.EarlierHex(g.Key)}'::bytea)"))}
            ) AS g(version, grain_type, payload, grain_key) JOIN names AS n ON n.name = g.grain_type;
            INSERT INTO stream_events (seq, payload, stream_id) VALUES
                {string.Join(",\n", StreamKeysUpgrade.Events.Select(e => $"({e.Seq}, '\\x{StreamKeysUpgrade.Hex(e.Payload)}', '\\x{StreamKeysUpgrade.EarlierHex(e.Stream)}')"))};
            INSERT INTO unique_index (index_id, index_key, owner)
            SELECT n.id, c.index_key, c.owner FROM (VALUES
                {string.Join(",\n", StreamKeysUpgrade.Claims.Select(c => $"('{c.Index}', '\\x{StreamKeysUpgrade.EarlierHex(c.Key)}'::bytea, '\\x{StreamKeysUpgrade.EarlierHex(c.Owner)}'::bytea)"))}
            ) AS c(index_name, index_key, owner) JOIN names AS n ON n.name = c.index_name;
            INSERT INTO data_keys (subject, wrapped) VALUES
                {string.Join(",\n", StreamKeysUpgrade.DataKeys.Select(k => $"('\\x{StreamKeysUpgrade.EarlierHex(k.Subject)}', '\\x{StreamKeysUpgrade.EarlierHex(k.Wrapped)}')"))};
            """);

        await using var services = await PostgresCompactKeysUpgradeTests.MigratedAsync(postgres, schema);
        await StreamKeysUpgrade.AssertEveryRowIsFoundAndChangesAsync(services);

        await using var check = new NpgsqlConnection($"{postgres.ConnectionString};Search Path={schema}");
        await check.OpenAsync();
        Assert.Equal("seq integer, payload bytea, stream_id bytea", await PostgresCompactKeysUpgradeTests.ScalarAsync<string>(check, $"""
            SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position)
              FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name = 'stream_events'
            """));
        // The subject's stream id in 17 bytes, and no key or owner of any table left in the earlier ledger form.
        Assert.Equal(17, await PostgresCompactKeysUpgradeTests.ScalarAsync<int>(check,
            $"SELECT DISTINCT octet_length(stream_id) FROM stream_events WHERE stream_id = '\\x{Convert.ToHexStringLower(CompactKey.Encode(StreamKeysUpgrade.Ledger))}'"));
        Assert.Equal(0L, await PostgresCompactKeysUpgradeTests.ScalarAsync<long>(check, """
            SELECT count(*) FROM (SELECT stream_id AS k FROM stream_events UNION ALL SELECT grain_key FROM grain_state
                UNION ALL SELECT index_key FROM unique_index UNION ALL SELECT owner FROM unique_index
                UNION ALL SELECT subject FROM data_keys UNION ALL SELECT wrapped FROM data_keys) AS keys
             WHERE substring(k FROM 1 FOR 8) = '\x03066c6564676572'::bytea
            """));
        Assert.Equal(Scripts[^1].Version, await PostgresCompactKeysUpgradeTests.ScalarAsync<int>(check, "SELECT max(version) FROM schema_migrations"));
    }

    [Fact]
    public async Task A_version_8_stream_with_a_sequence_number_beyond_the_integer_is_not_upgraded_and_says_why()
    {
        const string schema = "stream_keys_overflow";
        await CreateBeforeUpgradeAsync(schema, $"""
            INSERT INTO service (service_id) VALUES ('privacy-ledger');
            INSERT INTO stream_events (seq, payload, stream_id) VALUES (2147483648, '\x01', '\x{StreamKeysUpgrade.EarlierHex(StreamKeysUpgrade.Ledger)}');
            """);

        var failed = await Assert.ThrowsAsync<PostgresException>(() => PostgresCompactKeysUpgradeTests.MigratedAsync(postgres, schema));

        Assert.Contains("sequence number beyond 2147483647", failed.MessageText, StringComparison.Ordinal);
        await using var check = new NpgsqlConnection($"{postgres.ConnectionString};Search Path={schema}");
        await check.OpenAsync();
        Assert.Equal(Upgrade - 1, await PostgresCompactKeysUpgradeTests.ScalarAsync<int>(check, "SELECT max(version) FROM schema_migrations"));
        Assert.Equal(2147483648L, await PostgresCompactKeysUpgradeTests.ScalarAsync<long>(check, "SELECT seq FROM stream_events"));
    }

    [Fact]
    public async Task An_append_beyond_the_highest_integer_sequence_number_fails_naming_it_and_writes_nothing()
    {
        const string schema = "stream_keys_sequence";
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await PostgresCompactKeysUpgradeTests.ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
        await using var services = await PostgresCompactKeysUpgradeTests.MigratedAsync(postgres, schema);
        var states = services.GetRequiredService<IGrainStateStore>();
        var streams = services.GetRequiredService<IEventStreamStore>();
        var (highest, beyond) = (new GrainKey("subject", Guid.NewGuid().ToString("N")), new GrainKey("subject", Guid.NewGuid().ToString("N")));

        // The highest an integer holds is stored and read back as the long it was.
        Assert.Equal([StateWriteResult.Written(1)], await states.WriteAsync(
            [new StateWrite(highest, 0, [1]) { Appends = [new StreamAppend($"ledger/{highest.Key}", int.MaxValue, Encoding.UTF8.GetBytes("last"))] }]));
        Assert.Equal([(long)int.MaxValue], (await streams.ReadAsync($"ledger/{highest.Key}", int.MaxValue - 1L, 10)).Select(e => e.Sequence));

        // One more is refused before anything is written, by the batch's statement and by a bulk load alike.
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => states.WriteAsync(
            [new StateWrite(beyond, 0, [1]) { Appends = [new StreamAppend($"ledger/{beyond.Key}", int.MaxValue + 1L, [2])] }]));
        Assert.Contains("sequence number 2147483648", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(beyond.Key, refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => services.GetRequiredService<IBulkGrainLoader>().LoadAsync(
            new BulkLoad([new StateWrite(beyond, 0, [1]) { Appends = [new StreamAppend($"ledger/{beyond.Key}", int.MaxValue + 1L, [2])] }], [])));
        Assert.Null(await states.ReadAsync(beyond));
        Assert.Empty(await streams.ReadAsync($"ledger/{beyond.Key}", 0, 10));
    }

    /// <summary>A fresh schema as the version before this upgrade left it, holding the rows <paramref name="sql"/> inserts.</summary>
    private Task CreateBeforeUpgradeAsync(string schema, string sql) =>
        PostgresCompactKeysUpgradeTests.CreateSchemaAtVersionAsync(postgres, schema, Upgrade - 1, sql);

    [Fact]
    public void The_sequence_guard_keeps_every_integer_and_refuses_the_next()
    {
        Assert.Equal((1, int.MaxValue), (PostgresStreamSequence.Stored(1), PostgresStreamSequence.Stored(int.MaxValue)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PostgresStreamSequence.Stored(int.MaxValue + 1L));
        Assert.Throws<ArgumentOutOfRangeException>(() => PostgresStreamSequence.Stored(long.MaxValue));
        // Nor wrapped from below into a positive number.
        Assert.Throws<ArgumentOutOfRangeException>(() => PostgresStreamSequence.Stored(int.MinValue - 1L));
    }
}
