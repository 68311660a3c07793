using Microsoft.Data.Sqlite;

namespace PrivacyLedger.Storage.Sqlite;

/// <summary>
/// The numbers of names (table <c>names</c>) that rows hold instead of the text: grain types and set ids, each batch's
/// numbered once before its rows (<see cref="SideEffectCommands.NamesOf"/>). Numbered inside the writer's transaction:
/// SQLite has one writer, so no one else can number the same name meanwhile.
/// </summary>
internal static class SqliteNames
{
    /// <summary>The number of each distinct name, added to the table if it has none yet.</summary>
    public static Dictionary<string, long> Number(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<string> names)
    {
        // Looked up first: a name is numbered once and then only read, and a read writes no page.
        using var find = Command(connection, transaction, "SELECT id FROM names WHERE name = $name");
        using var add = Command(connection, transaction, "INSERT INTO names (name) VALUES ($name) RETURNING id");
        var numbers = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var each in names)
        {
            if (!numbers.ContainsKey(each))
            {
                find.Parameters["$name"].Value = each;
                add.Parameters["$name"].Value = each;
                numbers[each] = (long)(find.ExecuteScalar() ?? add.ExecuteScalar())!;
            }
        }
        return numbers;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.Add("$name", SqliteType.Text);
        return command;
    }
}
