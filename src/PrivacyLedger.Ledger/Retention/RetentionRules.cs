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

    /// <summary>The categories a membership holds whose data has expired by <paramref name="now"/>, with when each expired.</summary>
    public static IEnumerable<(DataCategory Category, DateTimeOffset ExpiredAt)> Expired(RegisterDefinition register, Membership membership, DateTimeOffset now)
    {
        foreach (var (categoryId, collected) in membership.Categories)
        {
            if (register.Categories.Find(c => c.Id == categoryId) is { } category && ExpiresAt(category, collected, membership) is { } expiresAt && expiresAt <= now)
            {
                yield return (category, expiresAt);
            }
        }
    }

    /// <summary>
    /// Whether a person's retention in a register has run out: every category they hold there has expired
    /// (legal holds included). A category kept "while a member" or "while the role lasts" never expires by
    /// time, since the membership itself is its reason, so one such category keeps the person; ending those
    /// memberships is for an erasure or an inactivity purge. A membership with no category left (its data
    /// all swept away, or enrolled with none) holds nothing a rule still keeps, so it counts as expired.
    /// </summary>
    public static bool MembershipExpired(RegisterDefinition register, Membership membership, DateTimeOffset now) =>
        Expired(register, membership, now).Count() == membership.Categories.Count;
}
