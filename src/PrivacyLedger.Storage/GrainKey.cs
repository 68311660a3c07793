namespace PrivacyLedger.Storage;

/// <summary>The address of a grain: its registered type name and its key. Stable across nodes and restarts.</summary>
public readonly record struct GrainKey(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
