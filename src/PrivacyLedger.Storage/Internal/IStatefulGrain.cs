using PrivacyLedger.Storage;

namespace PrivacyLedger.Runtime.Internal;

/// <summary>Lets the runtime load a <see cref="Grain{TState}"/>'s state without knowing TState.</summary>
internal interface IStatefulGrain
{
    void Load(StoredGrainState? stored, IGrainStateSerializer serializer);
}
