using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

[GenerateSerializer, Immutable, Alias("enrolment-outcome")]
public sealed record EnrolmentOutcome(string SubjectId, bool Created);
