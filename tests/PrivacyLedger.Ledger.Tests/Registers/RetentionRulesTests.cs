using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Retention;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Tests.Registers;

public sealed class RetentionRulesTests
{
    private static readonly DateTimeOffset Collected = new(2020, 1, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly Membership Member = new(null, Collected, Collected.AddMonths(6), null, []);

    private static DateTimeOffset? Expires(RetentionRule retention, LegalHold? hold = null) =>
        RetentionRules.ExpiresAt(new DataCategory { Id = "c", Retention = retention, LegalHold = hold }, new CategoryRecord(Collected), Member);

    [Fact]
    public void Days_and_years_count_from_collection_by_default() =>
        Assert.Equal([Collected.AddDays(30), Collected.AddYears(5)], new[] { Expires(new RetentionRule { Days = 30 }), Expires(new RetentionRule { Years = 5 }) });

    [Fact]
    public void Retention_from_last_activity_counts_from_the_membership_s_last_activity() =>
        Assert.Equal(Collected.AddMonths(6).AddYears(2), Expires(new RetentionRule { Years = 2, From = RetentionStart.LastActivity }));

    [Fact]
    public void While_a_member_or_while_the_role_lasts_never_expires_by_time()
    {
        Assert.Null(Expires(new RetentionRule { WhileMember = true }));
        Assert.Null(Expires(new RetentionRule { WhileRole = true }));
    }

    [Fact]
    public void A_legal_hold_keeps_data_past_its_retention() =>
        Assert.Equal(Collected.AddYears(10), Expires(new RetentionRule { Days = 30 }, new LegalHold { Years = 10, Reason = "accounting" }));

    private static readonly RegisterDefinition Register = new()
    {
        Id = "r",
        Categories =
        [
            new DataCategory { Id = "recordings", Retention = new RetentionRule { Days = 30 } },
            new DataCategory { Id = "feedback", Retention = new RetentionRule { Years = 5 } },
            new DataCategory { Id = "basic", Retention = new RetentionRule { WhileMember = true } },
            new DataCategory { Id = "billing", Retention = new RetentionRule { Days = 30 }, LegalHold = new LegalHold { Years = 10, Reason = "accounting" } },
        ],
    };

    private static bool MembershipExpired(DateTimeOffset now, params string[] categories) =>
        RetentionRules.MembershipExpired(Register, Member with { Categories = categories.ToDictionary(c => c, _ => new CategoryRecord(Collected)) }, now);

    [Fact]
    public void A_membership_expires_when_every_category_it_holds_has()
    {
        Assert.False(MembershipExpired(Collected.AddDays(29), "recordings"));
        Assert.True(MembershipExpired(Collected.AddDays(30), "recordings"));
        Assert.False(MembershipExpired(Collected.AddDays(30), "recordings", "feedback"));
        Assert.True(MembershipExpired(Collected.AddYears(5), "recordings", "feedback"));
    }

    [Fact]
    public void While_a_member_data_a_legal_hold_or_a_category_the_register_no_longer_defines_keeps_the_membership()
    {
        var muchLater = Collected.AddYears(50);
        Assert.False(MembershipExpired(muchLater, "recordings", "basic"));
        Assert.False(MembershipExpired(Collected.AddYears(9), "billing"));
        Assert.True(MembershipExpired(Collected.AddYears(10), "billing"));
        Assert.False(MembershipExpired(muchLater, "recordings", "dropped-from-the-definition"));
    }

    [Fact]
    public void A_membership_with_no_category_left_holds_nothing_a_rule_keeps() =>
        Assert.True(MembershipExpired(Collected));
}
