using Orleans;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>
/// What a completed erasure did: <see cref="Erased"/> personal data, or found <see cref="NothingToErase"/> (the person
/// was in none of the registers concerned), which must not read as an erasure carried out.
/// </summary>
[GenerateSerializer, Alias("request-outcome")]
public enum RequestOutcome { Erased, NothingToErase }
