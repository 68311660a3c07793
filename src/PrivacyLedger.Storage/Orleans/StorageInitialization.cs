using Orleans;
using Orleans.Runtime;

namespace PrivacyLedger.Storage.Orleans;

/// <summary>
/// Prepares storage (schema migrations, including the tables Orleans' own providers read) as the silo's very first
/// start-up step, before membership, reminders or any grain touch it.
/// </summary>
internal sealed class StorageInitialization(IEnumerable<IStorageInitializer> initializers) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StorageInitialization), ServiceLifecycleStage.First, async cancellationToken =>
        {
            foreach (var initializer in initializers)
            {
                await initializer.InitializeAsync(cancellationToken);
            }
        });
}
