using Npgsql;
using NpgsqlTypes;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// Where a unique index's keys live: data keys in <c>data_keys</c> (<see cref="UniqueIndexes.DataKeys"/>), identifier
/// claims in <c>identifier_claims</c> (<see cref="UniqueIndexes.Identifiers"/>), every other index in <c>unique_index</c>.
/// The shared table and data keys hold keys and owners in <see cref="CompactKey"/> form, identifier claims as uuid
/// (<see cref="FixedWidthKey"/>). <see cref="Scope"/> selects the index's rows with $1: the index's number
/// (<see cref="PostgresNames"/>) in the shared table, the name in a table of one index's own.
/// </summary>
internal sealed record PostgresIndexTable(string Table, string Key, string Owner, string Scope, string ColumnType)
{
    private static readonly PostgresIndexTable Shared = new("unique_index", "index_key", "owner", "index_id = $1", "bytea");

    // The name is still compared, so a statement for one table can never be run for another index by mistake.
    private static readonly PostgresIndexTable DataKeys = new("data_keys", "subject", "wrapped", $"$1 = '{UniqueIndexes.DataKeys}'", "bytea");

    private static readonly PostgresIndexTable IdentifierClaims =
        new("identifier_claims", "index_key", "owner", $"$1 = '{UniqueIndexes.Identifiers}'", "uuid");

    public static PostgresIndexTable For(string index) => index switch
    {
        UniqueIndexes.DataKeys => DataKeys,
        UniqueIndexes.Identifiers => IdentifierClaims,
        _ => Shared,
    };

    public bool IsShared => Table == Shared.Table;

    /// <summary>Keys and owners as 16-byte uuid, not <see cref="CompactKey"/> bytea.</summary>
    public bool IsFixedWidth => ColumnType == "uuid";

    /// <summary>The columns an insert names, in the order the shared table's (index, key, owner) come.</summary>
    public string InsertColumns => IsShared ? "index_id, index_key, owner" : $"{Key}, {Owner}";

    /// <summary>The select list matching <see cref="InsertColumns"/>, from an index name, key and owner expressions.</summary>
    public string InsertValues(string index, string key, string owner) =>
        IsShared ? $"{index}, {key}, {owner}" : $"{key}, {owner}";

    public string ConflictTarget => IsShared ? "(index_id, index_key)" : $"({Key})";

    /// <summary>The type of a parameter holding keys or owners of this table: an array of <see cref="ColumnType"/>.</summary>
    public NpgsqlDbType ArrayType => NpgsqlDbType.Array | ValueType;

    /// <summary>The type of a parameter holding one key or owner (which may be null) of this table.</summary>
    public NpgsqlDbType ValueType => IsFixedWidth ? NpgsqlDbType.Uuid : NpgsqlDbType.Bytea;

    /// <summary>Keys or owners in the stored form, for a parameter of <see cref="ArrayType"/>.</summary>
    public object Stored(IEnumerable<string> values) =>
        IsFixedWidth ? values.Select(FixedWidthKey.ToGuid).ToArray() : values.Select(CompactKey.Encode).ToArray();

    /// <summary>One key or owner in the stored form, or <see cref="DBNull"/>, for a parameter of <see cref="ValueType"/>.</summary>
    public object Stored(string? value) =>
        value is null ? DBNull.Value : IsFixedWidth ? FixedWidthKey.ToGuid(value) : CompactKey.Encode(value);

    /// <summary>A key or owner read back from a column of this table.</summary>
    public string Read(NpgsqlDataReader reader, int ordinal) =>
        IsFixedWidth ? FixedWidthKey.ToHex(reader.GetGuid(ordinal)) : CompactKey.Decode(reader.GetFieldValue<byte[]>(ordinal));
}
