using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>A person's membership of one register, as the subject's state holds it.</summary>
public sealed record Membership(string? ExternalId, DateTimeOffset Since, DateTimeOffset? LastActivityAt, string? Source, Dictionary<string, CategoryRecord> Categories)
{
    /// <summary>The membership as the register's member list shows it.</summary>
    public MemberEntry EntryFor(string subjectId) => new(subjectId, ExternalId, Since, LastActivityAt);
}

public sealed record CategoryRecord(DateTimeOffset CollectedAt);
