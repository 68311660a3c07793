using System.Collections.Concurrent;
using Orleans;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>
/// Register definitions as the hot path needs them: every permission check reads them, so they are kept in
/// memory and loaded from the register grains on first use. A definition put on this node is seen at once;
/// one put on another node is seen here after a restart (a known bound: definitions change rarely).
/// </summary>
public sealed class RegisterCatalog(IGrainFactory grains, IOrderedSetStore sets)
{
    private readonly ConcurrentDictionary<string, StoredRegister> _registers = new(StringComparer.Ordinal);

    public async Task<RegisterDefinition?> FindAsync(string registerId) => (await FindStoredAsync(registerId))?.Definition;

    public async Task<StoredRegister?> FindStoredAsync(string registerId)
    {
        if (_registers.TryGetValue(registerId, out var known))
        {
            return known;
        }
        var stored = await grains.GetGrain<IRegisterGrain>(registerId).GetAsync();
        if (stored is not null)
        {
            _registers[registerId] = stored;
        }
        return stored;
    }

    /// <summary>The definitions of these registers that exist, by id.</summary>
    public async Task<IReadOnlyDictionary<string, RegisterDefinition>> FindManyAsync(IEnumerable<string> registerIds)
    {
        var found = new Dictionary<string, RegisterDefinition>(StringComparer.Ordinal);
        foreach (var registerId in registerIds)
        {
            if (await FindAsync(registerId) is { } definition)
            {
                found[registerId] = definition;
            }
        }
        return found;
    }

    public async Task<IReadOnlyList<StoredRegister>> ListAsync()
    {
        var registers = new List<StoredRegister>();
        string? after = null;
        while (true)
        {
            var page = await sets.ListAsync(RegisterGrain.RegisterListSet, after, 500);
            foreach (var entry in page)
            {
                if (await FindStoredAsync(entry.Member) is { } stored)
                {
                    registers.Add(stored);
                }
            }
            if (page.Count < 500)
            {
                return registers;
            }
            after = page[^1].Member;
        }
    }

    /// <summary>Whether any register defines this purpose. Answered from memory when a known register has it;
    /// only an unknown purpose costs a look at storage (a register may have been added elsewhere).</summary>
    public async Task<bool> PurposeExistsAsync(string purposeId) =>
        _registers.Values.Any(register => Defines(register, purposeId))
        || (await ListAsync()).Any(register => Defines(register, purposeId));

    private static bool Defines(StoredRegister register, string purposeId) =>
        register.Definition.Purposes.Exists(purpose => purpose.Id == purposeId);

    internal void Remember(StoredRegister stored) => _registers[stored.Definition.Id] = stored;
}
