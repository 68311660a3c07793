using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite;

/// <summary>
/// Where a unique index's keys live: data keys in <c>data_keys</c>, every other index in <c>unique_index</c>
/// (<see cref="UniqueIndexes.DataKeys"/>). Both hold keys and owners in <see cref="CompactKey"/> form. The statements
/// take <c>$index</c>, <c>$key</c> and <c>$owner</c>.
/// </summary>
internal sealed record SqliteIndexTable(string Table, string Key, string Owner, string Scope, string InsertSql)
{
    private static readonly SqliteIndexTable Shared = new("unique_index", "index_key", "owner", "index_id = (SELECT id FROM names WHERE name = $index)", """
        INSERT INTO names (name) VALUES ($index) ON CONFLICT (name) DO NOTHING;
        INSERT INTO unique_index (index_id, index_key, owner) VALUES ((SELECT id FROM names WHERE name = $index), $key, $owner)
        ON CONFLICT (index_id, index_key) DO NOTHING
        """);

    // The name is still compared, so a statement for one table can never be run for another index by mistake.
    private static readonly SqliteIndexTable DataKeys = new("data_keys", "subject", "wrapped", $"$index = '{UniqueIndexes.DataKeys}'", """
        INSERT INTO data_keys (subject, wrapped) VALUES ($key, $owner)
        ON CONFLICT (subject) DO NOTHING
        """);

    public static IReadOnlyList<SqliteIndexTable> All { get; } = [Shared, DataKeys];

    public static SqliteIndexTable For(string index) => index == UniqueIndexes.DataKeys ? DataKeys : Shared;

    public string OwnerSql => $"SELECT {Owner} FROM {Table} WHERE {Scope} AND {Key} = $key";

    /// <summary>Removes a key still owned by <c>$owner</c>, or whoever owns it when <c>$owner</c> is null.</summary>
    public string ReleaseSql => $"DELETE FROM {Table} WHERE {Scope} AND {Key} = $key AND ($owner IS NULL OR {Owner} = $owner)";
}
