using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Orleans;
using PrivacyLedger.Storage;
using PrivacyLedger.Storage.Orleans;

namespace PrivacyLedger.Ledger.Registers;

[GrainType(TypeName)]
public sealed class RegisterGrain([DurableState] IDurableState<RegisterState> state, RegisterCatalog catalog, [FromKeyedServices(LedgerClock.Key)] TimeProvider clock) : Grain, IRegisterGrain
{
    /// <summary>The stored grain type name: part of every stored key, never to be renamed.</summary>
    public const string TypeName = "register";

    /// <summary>The set listing every register id, written with each register's state.</summary>
    public const string RegisterListSet = "registers";

    private string Key => this.GetPrimaryKeyString();

    public Task<StoredRegister?> GetAsync() => Task.FromResult(state.State.Current);

    public async Task<StoredRegister> PutAsync(RegisterDefinition definition, Actor actor)
    {
        if (definition.Id != Key)
        {
            throw new LedgerValidationException("id", $"The definition's id must be the register id '{Key}'.");
        }
        if (state.State.Current is { } current && SameDefinition(current.Definition, definition))
        {
            return current;
        }
        var stored = new StoredRegister(definition, (state.State.Current?.Version ?? 0) + 1, clock.GetUtcNow(), actor.ToString(), RegisterFlags.For(definition));
        state.State.Current = stored;
        await state.WriteStateAsync(StateChanges.Sets(new SetEntryChange(RegisterListSet, Key, JsonSerializer.SerializeToUtf8Bytes(stored.Version))));
        catalog.Remember(stored);
        return stored;
    }

    private static bool SameDefinition(RegisterDefinition a, RegisterDefinition b) =>
        JsonSerializer.Serialize(a, LedgerJson.Options) == JsonSerializer.Serialize(b, LedgerJson.Options);
}
