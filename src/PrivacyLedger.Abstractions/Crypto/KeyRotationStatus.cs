using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// The state of a master key rotation, counts only: the version new keys are wrapped under, the data keys stored under
/// each version (0: unrecognisable), whether a re-wrap is running, the keys it has re-wrapped since this grain's
/// activation, and when its last pass found nothing left to move.
/// </summary>
[GenerateSerializer, Immutable, Alias("key-rotation-status")]
public sealed record KeyRotationStatus(
    int NewestVersion,
    IReadOnlyList<KeyVersionCount> Versions,
    bool Running,
    long Rewrapped,
    DateTimeOffset? CompletedAt);

/// <summary>How many data keys are wrapped under one master key version.</summary>
[GenerateSerializer, Immutable, Alias("key-version-count")]
public sealed record KeyVersionCount(int Version, long DataKeys);
