using PrivacyLedger.Ledger.Permissions;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Tests.Permissions;

public sealed class PermissionEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly RegisterDefinition Shop = new()
    {
        Id = "shop",
        Purposes =
        [
            new Purpose { Id = "newsletter", LegalBasis = LegalBasis.Consent, ObjectionScopes = ["direct-marketing"] },
            new Purpose { Id = "deliveries", LegalBasis = LegalBasis.Contract },
            new Purpose { Id = "surveys", LegalBasis = LegalBasis.LegitimateInterest, ObjectionScopes = ["market-research", "opinion-polls"] },
        ],
    };

    private static readonly Dictionary<string, RegisterDefinition> Registers = new() { ["shop"] = Shop };

    private static SubjectState Member() => new()
    {
        SubjectId = "s1",
        Memberships = { ["shop"] = new Membership(null, Now, Now, null, []) },
    };

    private static PermissionDecision Check(SubjectState subject, string purpose, string channel, string? register = null) =>
        PermissionEvaluator.Evaluate(subject, new PermissionQuery(purpose, channel, register), Registers);

    [Fact]
    public void A_consent_based_purpose_needs_consent_on_that_channel()
    {
        var subject = Member();
        Assert.Equal(new[] { "no-consent:newsletter" }, Check(subject, "newsletter", "email").Reasons);

        subject.Consents["newsletter"] = new ConsentRecord(["email"], "web", null, Now);

        Assert.True(Check(subject, "newsletter", "email").Allowed);
        Assert.False(Check(subject, "newsletter", "sms").Allowed);
    }

    [Fact]
    public void Contract_and_legitimate_interest_need_only_membership()
    {
        var subject = Member();

        Assert.Equal(new[] { "contract:shop" }, Check(subject, "deliveries", "post").Reasons);
        Assert.True(Check(subject, "surveys", "email").Allowed);
        Assert.False(Check(new SubjectState { SubjectId = "s2" }, "deliveries", "post").Allowed);
    }

    [Fact]
    public void An_objection_covers_the_purposes_of_its_scope_on_its_channels_or_on_all_when_none_are_named()
    {
        var subject = Member();
        subject.Consents["newsletter"] = new ConsentRecord(["email", "sms"], "web", null, Now);
        subject.Objections["direct-marketing"] = new ObjectionRecord(["sms"], "phone", null, Now);

        Assert.True(Check(subject, "newsletter", "email").Allowed);
        Assert.Equal(new[] { "objection:direct-marketing" }, Check(subject, "newsletter", "sms").Reasons);
        Assert.True(Check(subject, "deliveries", "sms").Allowed);

        subject.Objections["opinion-polls"] = new ObjectionRecord([], "letter", null, Now);
        Assert.Equal(new[] { "objection:opinion-polls" }, Check(subject, "surveys", "web").Reasons);
    }

    [Fact]
    public void A_restriction_stops_everything_in_that_register()
    {
        var subject = Member();
        subject.Restrictions["shop"] = new RestrictionRecord("accuracy contested", Now);

        Assert.Equal(new[] { "restricted:shop" }, Check(subject, "deliveries", "post").Reasons);
    }

    [Fact]
    public void A_purpose_or_register_the_subject_is_not_in_is_denied_with_the_reason()
    {
        var subject = Member();

        Assert.Equal(new[] { "purpose-not-in-register:shop" }, Check(subject, "no-such-purpose", "email").Reasons);
        Assert.Equal(new[] { "unknown-register:other" }, Check(subject, "deliveries", "email", "other").Reasons);
    }
}
