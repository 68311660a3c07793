using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// Where a unique index's keys live: data keys in <c>data_keys</c>, every other index in <c>unique_index</c>
/// (<see cref="UniqueIndexes.DataKeys"/>). Both hold keys and owners in <see cref="CompactKey"/> form. <see cref="Scope"/>
/// selects the index's rows with $1: the index's number (<see cref="PostgresNames"/>) in the shared table, the name for data keys.
/// </summary>
internal sealed record PostgresIndexTable(string Table, string Key, string Owner, string Scope)
{
    private static readonly PostgresIndexTable Shared = new("unique_index", "index_key", "owner", "index_id = $1");

    // The name is still compared, so a statement for one table can never be run for another index by mistake.
    private static readonly PostgresIndexTable DataKeys = new("data_keys", "subject", "wrapped", $"$1 = '{UniqueIndexes.DataKeys}'");

    public static PostgresIndexTable For(string index) => index == UniqueIndexes.DataKeys ? DataKeys : Shared;

    public bool IsShared => Table == Shared.Table;

    /// <summary>The columns an insert names, in the order the shared table's (index, key, owner) come.</summary>
    public string InsertColumns => IsShared ? "index_id, index_key, owner" : "subject, wrapped";

    /// <summary>The select list matching <see cref="InsertColumns"/>, from an index name, key and owner expressions.</summary>
    public string InsertValues(string index, string key, string owner) =>
        IsShared ? $"{index}, {key}, {owner}" : $"{key}, {owner}";

    public string ConflictTarget => IsShared ? "(index_id, index_key)" : "(subject)";
}
