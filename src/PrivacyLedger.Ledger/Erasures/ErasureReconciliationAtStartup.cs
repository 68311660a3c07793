using Orleans;
using Orleans.Runtime;

namespace PrivacyLedger.Ledger.Erasures;

/// <summary>
/// Reconciles the erasure journal once the silo is active and before start-up completes, so the gateway neither
/// serves nor reports ready while a restored backup still holds the data keys of people erased after it was taken.
/// A failure stops start-up: serving erased people's data is worse than not serving.
/// </summary>
internal sealed class ErasureReconciliationAtStartup(ErasureReconciler reconciler) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken) =>
        reconciler.ReconcileAsync(dryRun: false, Actor.System, cancellationToken);
}
