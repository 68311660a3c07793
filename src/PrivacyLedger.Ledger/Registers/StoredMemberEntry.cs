using System.Text.Json.Serialization;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>
/// A register member as its ordered set stores it: what campaigns and listings need without opening anything. The
/// external id is not in it: the subject's state holds it sealed, and <see cref="ExternalIdInState"/> says it has one.
/// Entries written by earlier versions carry their own sealed copy instead (<see cref="ExternalId"/>); none are written so now.
/// </summary>
public sealed record StoredMemberEntry(string SubjectId, Sealed<string>? ExternalId, DateTimeOffset Since, DateTimeOffset? LastActivityAt)
{
    /// <summary>The membership has an external id, held in the subject's state (entries written since it left the entry).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ExternalIdInState { get; init; }
}
