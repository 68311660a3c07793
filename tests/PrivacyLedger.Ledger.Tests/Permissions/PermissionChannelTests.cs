using PrivacyLedger.Ledger.Permissions;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Tests.Permissions;

/// <summary>A check may leave the channel out where the purpose's decision cannot depend on it, and only there.</summary>
public sealed class PermissionChannelTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, RegisterDefinition> Registers = new()
    {
        ["shop"] = new RegisterDefinition
        {
            Id = "shop",
            Purposes =
            [
                new Purpose { Id = "newsletter", LegalBasis = LegalBasis.Consent },
                new Purpose { Id = "deliveries", LegalBasis = LegalBasis.Contract },
                new Purpose { Id = "surveys", LegalBasis = LegalBasis.LegitimateInterest, ObjectionScopes = ["market-research"] },
            ],
        },
    };

    private static readonly SubjectState Member = new()
    {
        SubjectId = "s1",
        Memberships = { ["shop"] = new Membership(null, Now, Now, null, []) },
    };

    [Fact]
    public void A_contract_purpose_is_decided_without_a_channel()
    {
        var decision = PermissionEvaluator.Evaluate(Member, new PermissionQuery("deliveries", null, null), Registers);

        Assert.True(decision.Allowed);
        Assert.Equal(["contract:shop"], decision.Reasons);
    }

    [Theory]
    [InlineData("newsletter")]
    [InlineData("surveys")]
    public void A_purpose_with_consent_or_objection_scopes_needs_the_channel(string purpose)
    {
        var refused = Assert.Throws<LedgerValidationException>(() => PermissionEvaluator.Evaluate(Member, new PermissionQuery(purpose, null, null), Registers));

        Assert.Equal("channel", refused.Field);
    }
}
