using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Ledger events stored chained, without their previous hash (storage schema 8 / 6): the ledger pages still show each
/// event's previous hash, from wherever a page starts, and the verification still finds a stored row changed, two rows
/// swapped, or a row removed; a ledger stored earlier, with previous hashes and a data key wrapped with AES-GCM, still
/// answers and continues; so does one stored before the stream keys' upgrade (PostgreSQL 9, SQLite 7), after it. The rows
/// are changed behind the gateway's back, in the database itself.
/// </summary>
public abstract class ChainedLedgerRowsTests : GatewayTestBase
{
    private const byte ChainedFlag = 8;

    private HttpClient Admin => Gateway.ClientFor("admin");

    /// <summary>The subject's ledger rows as stored: sequence number and payload.</summary>
    protected abstract Task<List<(long Seq, byte[] Payload)>> RowsAsync(byte[] streamId);

    /// <summary>Sets a stored row's payload, or removes the row when <paramref name="payload"/> is null.</summary>
    protected abstract Task SetRowAsync(byte[] streamId, long seq, byte[]? payload);

    /// <summary>
    /// Puts every ledger row back as the schema before the stream keys' upgrade (PostgreSQL 8, SQLite 6) stored it: the
    /// stream id "ledger/&lt;hex&gt;" in the prefix form (tag 3, 6, "ledger"), PostgreSQL's seq a bigint, the upgrade not
    /// recorded. The next gateway to start upgrades it.
    /// </summary>
    protected abstract Task StoreStreamKeysAsBeforeAsync();

    [Fact]
    public async Task Pages_show_the_previous_hash_from_any_start_and_verification_finds_a_row_changed_swapped_or_removed()
    {
        var subjectId = await EnrolAsync();
        var streamId = CompactKey.Encode($"ledger/{subjectId}");
        var all = (await LedgerAsync(subjectId, 0, 100))!;
        Assert.True(all.Count >= 4, $"{all.Count} events");

        // Every row is stored chained: without its previous hash.
        var rows = await RowsAsync(streamId);
        Assert.All(rows, row => Assert.Equal(ChainedFlag, row.Payload[1] & ChainedFlag));
        // A page from the middle starts with the previous hash of the row before it.
        for (var after = 0; after < all.Count; after++)
        {
            var page = await LedgerAsync(subjectId, after, 2);
            Assert.Equal(all[after]!["prevHash"]!.GetValue<string>(), page[0]!["prevHash"]!.GetValue<string>());
            Assert.Equal(after == 0 ? new string('0', 64) : all[after - 1]!["hash"]!.GetValue<string>(), page[0]!["prevHash"]!.GetValue<string>());
        }
        Assert.Equal((true, (long?)null), await VerifyAsync(subjectId));

        // A byte of the third row's stored hash changed (found by its value: the sealed data follows it): the third event
        // fails, and with it the chain.
        var third = rows[2].Payload;
        var hashAt = third.AsSpan().IndexOf(Convert.FromHexString(all[2]!["hash"]!.GetValue<string>()));
        Assert.True(hashAt > 0);
        var changed = (byte[])third.Clone();
        changed[hashAt + 5] ^= 1;
        await SetRowAsync(streamId, 3, changed);
        Assert.Equal((false, (long?)3), await VerifyAsync(subjectId));
        // The data's last byte (the AES-GCM tag) changed: the hash covers the ciphertext, so the third event fails too.
        changed = (byte[])third.Clone();
        changed[^1] ^= 1;
        await SetRowAsync(streamId, 3, changed);
        Assert.Equal((false, (long?)3), await VerifyAsync(subjectId));
        await SetRowAsync(streamId, 3, third);
        Assert.Equal((true, (long?)null), await VerifyAsync(subjectId));

        // The second and third rows swapped.
        await SetRowAsync(streamId, 2, third);
        await SetRowAsync(streamId, 3, rows[1].Payload);
        Assert.Equal((false, (long?)2), await VerifyAsync(subjectId));
        await SetRowAsync(streamId, 2, rows[1].Payload);
        await SetRowAsync(streamId, 3, third);
        Assert.Equal((true, (long?)null), await VerifyAsync(subjectId));

        // The third row removed: the fourth is read where the third should be.
        await SetRowAsync(streamId, 3, null);
        Assert.Equal((false, (long?)3), await VerifyAsync(subjectId));
    }

    [Fact]
    public async Task A_ledger_stored_with_previous_hashes_and_a_key_wrapped_with_AES_GCM_answers_continues_and_is_rewrapped()
    {
        var subjectId = await EnrolAsync();
        var streamId = CompactKey.Encode($"ledger/{subjectId}");
        var before = await LedgerAsync(subjectId, 0, 100);
        // Rows as earlier versions stored them: the first as JSON, the rest in binary with their previous hash.
        var rows = await RowsAsync(streamId);
        for (var i = 0; i < rows.Count; i++)
        {
            var ledgerEvent = LedgerStreams.Decode(new StoredStreamEvent(rows[i].Seq, rows[i].Payload, i == 0 ? null : rows[i - 1].Payload));
            await SetRowAsync(streamId, rows[i].Seq, i == 0 ? JsonSerializer.SerializeToUtf8Bytes(ledgerEvent, LedgerJson.Options) : LedgerEventCodec.EncodeWithPreviousHash(ledgerEvent));
        }
        // And the data key wrapped with AES-GCM, as before the key wrap.
        var index = Gateway.Services.GetRequiredService<IUniqueIndexStore>();
        var wrapped = (await index.GetAsync(UniqueIndexes.DataKeys, [subjectId]))[subjectId];
        var dataKey = (await Gateway.Services.GetRequiredService<DataKeyVault>().TryGetAsync(subjectId))!;
        var keys = Gateway.Services.GetRequiredService<LedgerKeys>();
        var earlier = WrappedKey.Format(1, AuthenticatedCipher.Encrypt(keys.WrappingKeys[1], dataKey, System.Text.Encoding.UTF8.GetBytes(subjectId)));
        Assert.Equal([subjectId], await index.ReplaceOwnersAsync(UniqueIndexes.DataKeys, [new OwnerReplacement(subjectId, wrapped, earlier)]));

        var after = await LedgerAsync(subjectId, 0, before.Count);
        Assert.Equal(before.Select(e => e!.ToJsonString()), after.Select(e => e!.ToJsonString()));
        Assert.Equal((true, (long?)null), await VerifyAsync(subjectId));
        // A new event is chained onto the row stored with its previous hash.
        var consent = await Gateway.ClientFor("service").PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/direct-marketing", new { channels = new[] { "email" }, source = "web-form" });
        Assert.Equal(HttpStatusCode.NoContent, consent.StatusCode);
        Assert.Equal(ChainedFlag, (await RowsAsync(streamId))[^1].Payload[1] & ChainedFlag);
        Assert.Equal((true, (long?)null), await VerifyAsync(subjectId));

        // The re-wrap moves the AES-GCM key to the key wrap, the same key.
        await Gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IKeyRotationGrain>(KeyRotationGrain.ClusterKey).StartAsync();
        Assert.True(await Eventually.TrueAsync(async () => WrappedKey.IsKeyWrap((await index.GetAsync(UniqueIndexes.DataKeys, [subjectId]))[subjectId]), TimeSpan.FromSeconds(30)));
        Assert.Equal(dataKey, await Gateway.Services.GetRequiredService<DataKeyVault>().TryGetAsync(subjectId));
        Assert.Equal("web-form", (await LedgerAsync(subjectId, 0, 100)).Last(e => e!["type"]!.GetValue<string>() == "consent.granted")!["data"]!["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_ledger_stored_before_the_stream_keys_upgrade_reads_verifies_and_continues_after_it()
    {
        string subjectId;
        JsonArray before;
        await using (var earlier = NewGateway())
        {
            subjectId = await EnrolAsync(earlier);
            before = await LedgerAsync(subjectId, 0, 100, earlier);
        }
        await StoreStreamKeysAsBeforeAsync();

        // The test's gateway starts on the earlier rows and upgrades them: the ledger reads and verifies as it did.
        var after = await LedgerAsync(subjectId, 0, before.Count);
        Assert.Equal(before.Select(e => e!.ToJsonString()), after.Select(e => e!.ToJsonString()));
        Assert.Equal((true, (long?)null), await VerifyAsync(subjectId));
        // A new event is chained onto the last row stored before the upgrade (the reads above were logged: more than the
        // events read before), and every row is found by the new form.
        var consent = await Gateway.ClientFor("service").PutAsJsonAsync($"/v1/subjects/{subjectId}/consents/direct-marketing", new { channels = new[] { "email" }, source = "web-form" });
        Assert.Equal(HttpStatusCode.NoContent, consent.StatusCode);
        Assert.Equal((true, (long?)null), await VerifyAsync(subjectId));
        var rows = await RowsAsync(CompactKey.Encode($"ledger/{subjectId}"));
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(seq => (long)seq), rows.Select(row => row.Seq));
        Assert.True(rows.Count > before.Count + 1, $"{rows.Count} rows");
        Assert.Equal(ChainedFlag, rows[^1].Payload[1] & ChainedFlag);
    }

    private async Task<string> EnrolAsync(GatewayFactory? gateway = null)
    {
        var email = $"person-{Guid.NewGuid():N}@example.fi";
        var enrolled = await (gateway ?? Gateway).ClientFor("service").PostAsJsonAsync("/v1/registers/pk-terveys-customers/members", new
        {
            identifiers = new[] { new { kind = "email", value = email } },
            contact = new { givenName = "Maija", familyName = "Meikäläinen", email, language = "fi" },
            source = "web-shop",
        });
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        return (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
    }

    private async Task<JsonArray> LedgerAsync(string subjectId, long after, int limit, GatewayFactory? gateway = null) =>
        (await (gateway?.ClientFor("admin") ?? Admin).GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger?after={after}&limit={limit}"))!["items"]!.AsArray();

    /// <summary>Whether the chain verifies, and else the sequence number of the event it fails at (the events walked).</summary>
    private async Task<(bool Valid, long? FailsAt)> VerifyAsync(string subjectId)
    {
        var verification = (await Admin.GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger/verification"))!;
        var valid = verification["valid"]!.GetValue<bool>();
        return (valid, valid ? null : verification["events"]!.GetValue<long>());
    }
}

[Collection(PostgresCollection2.Name)]
public sealed class PostgresChainedLedgerRowsTests(PostgresClusterFixture postgres) : ChainedLedgerRowsTests
{
    private readonly PostgresClusterFixture _postgres = postgres;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(_postgres);

    protected override async Task<List<(long Seq, byte[] Payload)>> RowsAsync(byte[] streamId)
    {
        await using var connection = await OpenAsync();
        await using var select = new NpgsqlCommand("SELECT seq, payload FROM stream_events WHERE stream_id = $1 ORDER BY seq", connection);
        select.Parameters.Add(new() { Value = streamId });
        var rows = new List<(long, byte[])>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }
        return rows;
    }

    protected override async Task SetRowAsync(byte[] streamId, long seq, byte[]? payload)
    {
        await using var connection = await OpenAsync();
        await using var change = new NpgsqlCommand(
            payload is null ? "DELETE FROM stream_events WHERE stream_id = $1 AND seq = $2" : "UPDATE stream_events SET payload = $3 WHERE stream_id = $1 AND seq = $2", connection);
        change.Parameters.Add(new() { Value = streamId });
        change.Parameters.Add(new() { Value = seq });
        if (payload is not null)
        {
            change.Parameters.Add(new() { Value = payload });
        }
        Assert.Equal(1, await change.ExecuteNonQueryAsync());
    }

    protected override async Task StoreStreamKeysAsBeforeAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            UPDATE stream_events SET stream_id = '\x03066c6564676572'::bytea || substring(stream_id FROM 2) WHERE get_byte(stream_id, 0) = 5;
            ALTER TABLE stream_events ALTER COLUMN seq TYPE bigint;
            DELETE FROM schema_migrations WHERE name = 'stream_keys';
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection($"{_postgres.ConnectionString};Search Path={PostgresClusterFixture.SchemaFor(GetType())}");
        await connection.OpenAsync();
        return connection;
    }
}

public sealed class SqliteChainedLedgerRowsTests : ChainedLedgerRowsTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();

    protected override async Task<List<(long Seq, byte[] Payload)>> RowsAsync(byte[] streamId)
    {
        await using var connection = await OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT seq, payload FROM stream_events WHERE stream_id = $stream ORDER BY seq";
        select.Parameters.AddWithValue("$stream", streamId);
        var rows = new List<(long, byte[])>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }
        return rows;
    }

    protected override async Task SetRowAsync(byte[] streamId, long seq, byte[]? payload)
    {
        await using var connection = await OpenAsync();
        await using var change = connection.CreateCommand();
        change.CommandText = payload is null
            ? "DELETE FROM stream_events WHERE stream_id = $stream AND seq = $seq"
            : "UPDATE stream_events SET payload = $payload WHERE stream_id = $stream AND seq = $seq";
        change.Parameters.AddWithValue("$stream", streamId);
        change.Parameters.AddWithValue("$seq", seq);
        if (payload is not null)
        {
            change.Parameters.AddWithValue("$payload", payload);
        }
        Assert.Equal(1, await change.ExecuteNonQueryAsync());
    }

    protected override async Task StoreStreamKeysAsBeforeAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE stream_events SET stream_id = CAST(x'03066c6564676572' || substr(stream_id, 2) AS BLOB) WHERE substr(stream_id, 1, 1) = x'05';
            DELETE FROM schema_migrations WHERE name = 'stream_keys';
            """;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(StorageSettings()["Ledger:DataDirectory"]!, "ledger.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
