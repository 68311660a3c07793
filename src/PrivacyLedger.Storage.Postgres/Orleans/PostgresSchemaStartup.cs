using Orleans;
using Orleans.Runtime;

namespace PrivacyLedger.Storage.Postgres;

/// <summary>
/// Applies the schema scripts at the very first stage of a silo's start, before the membership and reminder
/// providers read their statements from OrleansQuery. Idempotent and serialized by the migrator's advisory lock,
/// so silos starting together, or a host that also migrates through the grains' storage (StorageInitialization), are safe.
/// </summary>
internal sealed class PostgresSchemaStartup(PostgresDatabase database) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresSchemaStartup), ServiceLifecycleStage.First,
            cancellationToken => new PostgresSchemaMigrator(database).InitializeAsync(cancellationToken));
}
