using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>A register: its current definition and version. Keyed by register id.</summary>
public interface IRegisterGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<StoredRegister?> GetAsync();

    /// <summary>Stores a new version if the definition differs from the current one.</summary>
    Task<StoredRegister> PutAsync(RegisterDefinition definition, Actor actor);
}
