namespace PrivacyLedger.Storage;

/// <summary>Prepares storage (schema, files) before the silo's first grain touches it. Safe to run on every start.</summary>
public interface IStorageInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken = default);
}

/// <summary>Answers whether storage is reachable, for readiness probes.</summary>
public interface IStorageHealth
{
    Task<bool> IsReachableAsync(CancellationToken cancellationToken = default);
}
