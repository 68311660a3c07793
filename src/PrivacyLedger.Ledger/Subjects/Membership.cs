using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// A person's membership of one register, as the subject's state holds it: the external id (often a customer number)
/// and the source are sealed at rest; the dates and categories are what retention and permissions need.
/// </summary>
public sealed record Membership(Sealed<string>? ExternalId, DateTimeOffset Since, DateTimeOffset? LastActivityAt, Sealed<string>? Source, Dictionary<string, CategoryRecord> Categories)
{
    /// <summary>
    /// The membership as the register's member list stores it: dates, and whether it has an external id, which stays in
    /// the state's bundle only (the listing opens it there), so writing the entry seals nothing.
    /// </summary>
    public StoredMemberEntry EntryFor(string subjectId) =>
        new(subjectId, null, Since, LastActivityAt) { ExternalIdInState = ExternalId is not null };

    public string? ExternalIdOpened(FieldSealer? sealer) => ExternalId?.OpenWith(sealer, SealedFields.MembershipExternalId);

    public string? SourceOpened(FieldSealer? sealer) => Source?.OpenWith(sealer, SealedFields.MembershipSource);
}

public sealed record CategoryRecord(DateTimeOffset CollectedAt);
