using Npgsql;
using PrivacyLedger.Runtime;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// Reminders in PostgreSQL. Claims take due rows with FOR UPDATE SKIP LOCKED, so nodes polling together
/// split the due ticks between them instead of waiting on each other or taking the same one.
/// </summary>
public sealed class PostgresReminderStore(PostgresDatabase database) : IReminderStore
{
    private const string Key = "service_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4";

    public async Task UpsertAsync(ReminderEntry reminder, CancellationToken cancellationToken = default)
    {
        await using var command = Command("""
            INSERT INTO reminders (service_id, grain_type, grain_key, reminder_name, due_at, period_ms)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (service_id, grain_type, grain_key, reminder_name)
            DO UPDATE SET due_at = excluded.due_at, period_ms = excluded.period_ms, lease_id = NULL, lease_until = NULL
            """, reminder.GrainKey, reminder.Name);
        command.Parameters.Add(new() { Value = reminder.DueAt.ToUniversalTime() });
        command.Parameters.Add(new() { Value = (long)reminder.Period.TotalMilliseconds });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(GrainKey grainId, string name, CancellationToken cancellationToken = default)
    {
        await using var command = Command($"DELETE FROM reminders WHERE {Key}", grainId, name);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<ReminderEntry>> ListAsync(GrainKey grainId, CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT grain_type, grain_key, reminder_name, due_at, period_ms FROM reminders
             WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 ORDER BY reminder_name
            """);
        command.Parameters.Add(new() { Value = database.ServiceId });
        command.Parameters.Add(new() { Value = grainId.Type });
        command.Parameters.Add(new() { Value = grainId.Key });
        var reminders = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reminders.Add(ReadEntry(reader));
        }
        return reminders;
    }

    public async Task<IReadOnlyList<ClaimedReminder>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int maxCount, CancellationToken cancellationToken = default)
    {
        var leaseId = Guid.NewGuid();
        var leaseUntil = (now + lease).ToUniversalTime();
        await using var command = database.DataSource.CreateCommand("""
            UPDATE reminders AS r SET lease_id = $2, lease_until = $3
              FROM (SELECT grain_type, grain_key, reminder_name FROM reminders
                     WHERE service_id = $1 AND due_at <= $4 AND (lease_until IS NULL OR lease_until <= $4)
                     ORDER BY due_at LIMIT $5
                     FOR UPDATE SKIP LOCKED) AS due
             WHERE r.service_id = $1 AND r.grain_type = due.grain_type AND r.grain_key = due.grain_key
               AND r.reminder_name = due.reminder_name
            RETURNING r.grain_type, r.grain_key, r.reminder_name, r.due_at, r.period_ms
            """);
        command.Parameters.Add(new() { Value = database.ServiceId });
        command.Parameters.Add(new() { Value = leaseId });
        command.Parameters.Add(new() { Value = leaseUntil });
        command.Parameters.Add(new() { Value = now.ToUniversalTime() });
        command.Parameters.Add(new() { Value = maxCount });
        var claims = new List<ClaimedReminder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claims.Add(new ClaimedReminder(ReadEntry(reader), leaseId, leaseUntil));
        }
        // RETURNING gives no order; hand the ticks out earliest first.
        claims.Sort((a, b) => a.Reminder.DueAt.CompareTo(b.Reminder.DueAt));
        return claims;
    }

    public async Task<bool> CompleteAsync(ClaimedReminder claim, DateTimeOffset? nextDueAt, CancellationToken cancellationToken = default)
    {
        if (nextDueAt is null)
        {
            await using var delete = Command($"DELETE FROM reminders WHERE {Key} AND lease_id = $5", claim.Reminder.GrainKey, claim.Reminder.Name);
            delete.Parameters.Add(new() { Value = claim.LeaseId });
            return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
        }
        await using var update = Command($"UPDATE reminders SET due_at = $6, lease_id = NULL, lease_until = NULL WHERE {Key} AND lease_id = $5",
            claim.Reminder.GrainKey, claim.Reminder.Name);
        update.Parameters.Add(new() { Value = claim.LeaseId });
        update.Parameters.Add(new() { Value = nextDueAt.Value.ToUniversalTime() });
        return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<bool> ReleaseAsync(ClaimedReminder claim, CancellationToken cancellationToken = default)
    {
        await using var command = Command($"UPDATE reminders SET lease_id = NULL, lease_until = NULL WHERE {Key} AND lease_id = $5",
            claim.Reminder.GrainKey, claim.Reminder.Name);
        command.Parameters.Add(new() { Value = claim.LeaseId });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>A command whose first four parameters are the reminder's key.</summary>
    private NpgsqlCommand Command(string sql, GrainKey grainId, string name)
    {
        var command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = database.ServiceId });
        command.Parameters.Add(new() { Value = grainId.Type });
        command.Parameters.Add(new() { Value = grainId.Key });
        command.Parameters.Add(new() { Value = name });
        return command;
    }

    private static ReminderEntry ReadEntry(NpgsqlDataReader reader) => new(
        new GrainKey(reader.GetString(0), reader.GetString(1)),
        reader.GetString(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        TimeSpan.FromMilliseconds(reader.GetInt64(4)));
}
