using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Alias("verification-method")]
public enum VerificationMethod { PhotoId, StrongElectronicIdentification, SignedLetter, InPerson }

[GenerateSerializer, Immutable, Alias("verification")]
public sealed record Verification(VerificationMethod Method, string VerifiedBy, DateTimeOffset At);
