using System.Text.Json;
using PrivacyLedger.Runtime;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Registers;

public sealed class RegisterState
{
    public StoredRegister? Current { get; set; }
}

public sealed class RegisterGrain(RegisterCatalog catalog) : Grain<RegisterState>, IRegisterGrain
{
    /// <summary>The set listing every register id, written with each register's state.</summary>
    public const string RegisterListSet = "registers";

    public Task<StoredRegister?> GetAsync() => Task.FromResult(State.Current);

    public async Task<StoredRegister> PutAsync(RegisterDefinition definition, Actor actor)
    {
        if (definition.Id != Key)
        {
            throw new LedgerValidationException("id", $"The definition's id must be the register id '{Key}'.");
        }
        if (State.Current is { } current && SameDefinition(current.Definition, definition))
        {
            return current;
        }
        var stored = new StoredRegister(definition, (State.Current?.Version ?? 0) + 1, TimeProvider.GetUtcNow(), actor.ToString(), RegisterFlags.For(definition));
        State.Current = stored;
        await WriteStateAsync([], [new SetEntryChange(RegisterListSet, Key, JsonSerializer.SerializeToUtf8Bytes(stored.Version))]);
        catalog.Remember(stored);
        return stored;
    }

    private static bool SameDefinition(RegisterDefinition a, RegisterDefinition b) =>
        JsonSerializer.Serialize(a, LedgerJson.Options) == JsonSerializer.Serialize(b, LedgerJson.Options);
}

/// <summary>What a definition says that a privacy officer should see flagged.</summary>
public static class RegisterFlags
{
    public const string LongerDeadline = "longer-deadline-stated";

    public static IReadOnlyList<string> For(RegisterDefinition definition) =>
        definition.Rights.DeadlineMonths > 1 ? [LongerDeadline] : [];
}
