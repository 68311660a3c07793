using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// A person's membership of one register, as the subject's state holds it: the external id (often a customer number)
/// and the source are sealed at rest; the dates and categories are what retention and permissions need.
/// </summary>
public sealed record Membership(Sealed<string>? ExternalId, DateTimeOffset Since, DateTimeOffset? LastActivityAt, Sealed<string>? Source, Dictionary<string, CategoryRecord> Categories)
{
    /// <summary>The membership as the register's member list stores it, its external id sealed.</summary>
    public StoredMemberEntry EntryFor(FieldSealer sealer) =>
        new(sealer.SubjectId, ExternalId?.SealWith(sealer, SealedFields.MembershipExternalId), Since, LastActivityAt);

    public string? ExternalIdOpened(FieldSealer? sealer) => ExternalId?.OpenWith(sealer, SealedFields.MembershipExternalId);

    public string? SourceOpened(FieldSealer? sealer) => Source?.OpenWith(sealer, SealedFields.MembershipSource);
}

public sealed record CategoryRecord(DateTimeOffset CollectedAt);
