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
    /// The membership as the register's member list stores it, its external id sealed on its own (the state holds it in
    /// its bundle): opened first if it is not at hand, and absent if it cannot be.
    /// </summary>
    public StoredMemberEntry EntryFor(FieldSealer sealer) =>
        new(sealer.SubjectId, ExternalIdOpened(sealer) is { } externalId ? Sealed<string>.FromCiphertext(sealer.Seal(externalId, SealedFields.MembershipExternalId)) : null, Since, LastActivityAt);

    public string? ExternalIdOpened(FieldSealer? sealer) => ExternalId?.OpenWith(sealer, SealedFields.MembershipExternalId);

    public string? SourceOpened(FieldSealer? sealer) => Source?.OpenWith(sealer, SealedFields.MembershipSource);
}

public sealed record CategoryRecord(DateTimeOffset CollectedAt);
