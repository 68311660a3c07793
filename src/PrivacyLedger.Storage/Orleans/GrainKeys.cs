using Orleans.Runtime;

namespace PrivacyLedger.Storage.Orleans;

public static class GrainKeys
{
    /// <summary>
    /// The storage address of an Orleans grain: its grain type name (from <c>[GrainType]</c>, stable across
    /// releases) and its string key. Stored rows are keyed by it, so it must never change once data exists.
    /// </summary>
    public static GrainKey ToGrainKey(this GrainId grainId) => new(grainId.Type.ToString()!, grainId.Key.ToString()!);
}
