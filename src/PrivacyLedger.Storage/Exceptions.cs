using PrivacyLedger.Storage;
namespace PrivacyLedger.Runtime;

/// <summary>
/// A state write found a newer version in storage than the activation had read: another activation
/// (on another node, or an earlier one on this node) wrote first. Nothing was overwritten; the stale
/// activation has been dropped and the next call activates afresh from storage.
/// </summary>
public sealed class GrainStateConflictException(GrainKey grainId, long expectedVersion)
    : Exception($"The state of grain {grainId} changed in storage since version {expectedVersion} was read; the write was rejected and the activation dropped.")
{
    public GrainKey GrainKey { get; } = grainId;
    public long ExpectedVersion { get; } = expectedVersion;
}

/// <summary>A call that would wait for a turn held further up its own call chain, which can never come.</summary>
public sealed class GrainDeadlockException(GrainKey grainId)
    : Exception($"Grain {grainId} is already in this call chain; a call back into it would wait for itself.")
{
    public GrainKey GrainKey { get; } = grainId;
}

/// <summary>The runtime is shutting down (or stopped) and takes no new calls.</summary>
public sealed class GrainRuntimeStoppingException()
    : Exception("The grain runtime is shutting down and takes no new calls.");

/// <summary>A call did not get its turn within the configured call timeout; it never ran.</summary>
public sealed class GrainCallTimeoutException(GrainKey grainId, TimeSpan timeout)
    : TimeoutException($"A call to grain {grainId} waited longer than {timeout} for its turn and was not run.")
{
    public GrainKey GrainKey { get; } = grainId;
}
