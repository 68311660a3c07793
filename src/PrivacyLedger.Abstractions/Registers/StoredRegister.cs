using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>A register definition as stored, with its version and the flags raised when it was loaded.</summary>
[GenerateSerializer, Immutable, Alias("stored-register")]
public sealed record StoredRegister(RegisterDefinition Definition, int Version, DateTimeOffset UpdatedAt, string UpdatedBy, IReadOnlyList<string> Flags);
