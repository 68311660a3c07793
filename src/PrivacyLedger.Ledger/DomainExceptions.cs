namespace PrivacyLedger.Ledger;

/// <summary>Input the domain refuses; <see cref="Field"/> names the field at fault as the API spells it.</summary>
public sealed class LedgerValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>The thing asked for does not exist (a subject, register, purpose).</summary>
public sealed class LedgerNotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>The request contradicts what the ledger holds, e.g. identifiers of two different subjects.</summary>
public sealed class LedgerConflictException(string message) : Exception(message);
