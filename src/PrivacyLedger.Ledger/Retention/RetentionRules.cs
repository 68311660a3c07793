using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Retention;

/// <summary>R5: when a category's data must go, by the register's retention rule, unless a legal hold keeps it longer.</summary>
public static class RetentionRules
{
    /// <summary>The moment the data expires; null for "while a member" or "while the role lasts", which time alone never ends.</summary>
    public static DateTimeOffset? ExpiresAt(DataCategory category, CategoryRecord collected, Membership membership)
    {
        var retention = category.Retention;
        var start = retention.From == RetentionStart.LastActivity ? membership.LastActivityAt ?? collected.CollectedAt : collected.CollectedAt;
        var expires = retention.Days is { } days ? start.AddDays(days)
            : retention.Years is { } years ? start.AddYears(years)
            : (DateTimeOffset?)null;
        if (expires is { } at && category.LegalHold is { } hold)
        {
            var heldUntil = collected.CollectedAt.AddYears(hold.Years);
            return heldUntil > at ? heldUntil : at;
        }
        return expires;
    }
}

/// <summary>Data a sweep found expired for one person.</summary>
public sealed record ExpiredData(string RegisterId, string CategoryId, DateTimeOffset ExpiredAt, bool External);

public sealed record RetentionOutcome(IReadOnlyList<ExpiredData> Expired);
