using Microsoft.Data.Sqlite;
using PrivacyLedger.Runtime;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Sqlite;

/// <summary>Reminders in SQLite; a claim is one UPDATE … RETURNING inside the single writer's transaction.</summary>
public sealed class SqliteReminderStore(SqliteDatabase database) : IReminderStore
{
    private const string Key = "service_id = $service AND grain_type = $type AND grain_key = $key AND reminder_name = $name";

    public Task UpsertAsync(ReminderEntry reminder, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = KeyedCommand(connection, transaction, """
                INSERT INTO reminders (service_id, grain_type, grain_key, reminder_name, due_at, period_ms)
                VALUES ($service, $type, $key, $name, $due, $period)
                ON CONFLICT (service_id, grain_type, grain_key, reminder_name)
                DO UPDATE SET due_at = excluded.due_at, period_ms = excluded.period_ms, lease_id = NULL, lease_until = NULL
                """, reminder.GrainKey, reminder.Name);
            command.Parameters.AddWithValue("$due", reminder.DueAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$period", (long)reminder.Period.TotalMilliseconds);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<bool> DeleteAsync(GrainKey grainId, string name, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = KeyedCommand(connection, transaction, $"DELETE FROM reminders WHERE {Key}", grainId, name);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    public async Task<IReadOnlyList<ReminderEntry>> ListAsync(GrainKey grainId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenReadConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT grain_type, grain_key, reminder_name, due_at, period_ms FROM reminders
             WHERE service_id = $service AND grain_type = $type AND grain_key = $key ORDER BY reminder_name
            """;
        command.Parameters.AddWithValue("$service", database.ServiceId);
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var reminders = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            reminders.Add(ReadEntry(reader));
        }
        return reminders;
    }

    public Task<IReadOnlyList<ClaimedReminder>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int maxCount, CancellationToken cancellationToken = default)
    {
        var leaseId = Guid.NewGuid();
        var leaseUntil = now + lease;
        return database.WriteAsync<IReadOnlyList<ClaimedReminder>>((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE reminders SET lease_id = $lease, lease_until = $until
                 WHERE rowid IN (SELECT rowid FROM reminders
                                  WHERE service_id = $service AND due_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                                  ORDER BY due_at LIMIT $max)
                RETURNING grain_type, grain_key, reminder_name, due_at, period_ms
                """;
            command.Parameters.AddWithValue("$service", database.ServiceId);
            command.Parameters.AddWithValue("$lease", leaseId.ToString());
            command.Parameters.AddWithValue("$until", leaseUntil.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", maxCount);
            using var reader = command.ExecuteReader();
            var claims = new List<ClaimedReminder>();
            while (reader.Read())
            {
                claims.Add(new ClaimedReminder(ReadEntry(reader), leaseId, leaseUntil));
            }
            // RETURNING gives no order; hand the ticks out earliest first.
            claims.Sort((a, b) => a.Reminder.DueAt.CompareTo(b.Reminder.DueAt));
            return claims;
        }, cancellationToken);
    }

    public Task<bool> CompleteAsync(ClaimedReminder claim, DateTimeOffset? nextDueAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            var sql = nextDueAt is null
                ? $"DELETE FROM reminders WHERE {Key} AND lease_id = $lease"
                : $"UPDATE reminders SET due_at = $due, lease_id = NULL, lease_until = NULL WHERE {Key} AND lease_id = $lease";
            using var command = KeyedCommand(connection, transaction, sql, claim.Reminder.GrainKey, claim.Reminder.Name);
            command.Parameters.AddWithValue("$lease", claim.LeaseId.ToString());
            if (nextDueAt is { } due)
            {
                command.Parameters.AddWithValue("$due", due.ToUnixTimeMilliseconds());
            }
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    public Task<bool> ReleaseAsync(ClaimedReminder claim, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = KeyedCommand(connection, transaction,
                $"UPDATE reminders SET lease_id = NULL, lease_until = NULL WHERE {Key} AND lease_id = $lease", claim.Reminder.GrainKey, claim.Reminder.Name);
            command.Parameters.AddWithValue("$lease", claim.LeaseId.ToString());
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    private SqliteCommand KeyedCommand(SqliteConnection connection, SqliteTransaction transaction, string sql, GrainKey grainId, string name)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", database.ServiceId);
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$name", name);
        return command;
    }

    private static ReminderEntry ReadEntry(SqliteDataReader reader) => new(
        new GrainKey(reader.GetString(0), reader.GetString(1)),
        reader.GetString(2),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        TimeSpan.FromMilliseconds(reader.GetInt64(4)));
}
