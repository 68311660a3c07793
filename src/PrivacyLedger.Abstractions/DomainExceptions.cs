using Orleans;

namespace PrivacyLedger.Ledger;

// Thrown in grains and rethrown to callers on any silo, so each crosses the wire with its fields (never personal data).

/// <summary>Input the domain refuses; <see cref="Field"/> names the field at fault as the API spells it.</summary>
[GenerateSerializer, Alias("ledger-validation-exception")]
public sealed class LedgerValidationException(string field, string message) : Exception(message)
{
    [Id(0)]
    public string Field { get; private set; } = field;
}

/// <summary>The thing asked for does not exist (a subject, register, purpose).</summary>
[GenerateSerializer, Alias("ledger-not-found-exception")]
public sealed class LedgerNotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>The request contradicts what the ledger holds, e.g. identifiers of two different subjects.</summary>
[GenerateSerializer, Alias("ledger-conflict-exception")]
public sealed class LedgerConflictException(string message) : Exception(message);
