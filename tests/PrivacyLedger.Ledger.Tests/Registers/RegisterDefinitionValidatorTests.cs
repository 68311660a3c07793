using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Ledger.Tests.Registers;

public sealed class RegisterDefinitionValidatorTests
{
    private static RegisterDefinition Valid() => new()
    {
        Id = "shop-customers",
        Name = new LocalizedText { Fi = "Asiakasrekisteri" },
        Controller = new Controller { Name = "Kauppa Oy", BusinessId = "1234567-8" },
        Purposes = [new Purpose { Id = "deliveries", Name = new LocalizedText { En = "Deliveries" }, LegalBasis = LegalBasis.Contract }],
        Categories = [new DataCategory { Id = "contact", Name = new LocalizedText { En = "Contact" }, Retention = new RetentionRule { WhileMember = true } }],
    };

    private static IEnumerable<string> Fields(RegisterDefinition definition) => RegisterDefinitionValidator.Validate(definition).Select(e => e.Field);

    [Fact]
    public void A_complete_definition_is_valid() => Assert.Empty(Fields(Valid()));

    [Fact]
    public void Each_error_names_its_field()
    {
        Assert.Contains("id", Fields(Valid() with { Id = "Shop Customers" }));
        Assert.Contains("controller.businessId", Fields(Valid() with { Controller = new Controller { Name = "x", BusinessId = "12345678" } }));
        Assert.Contains("purposes[0].objectionScopes", Fields(Valid() with
        {
            Purposes = [new Purpose { Id = "ads", Name = new LocalizedText { En = "Ads" }, ObjectionScopes = ["spam"] }],
        }));
        Assert.Contains("categories[0].retention", Fields(Valid() with
        {
            Categories = [new DataCategory { Id = "calls", Name = new LocalizedText { En = "Calls" }, Retention = new RetentionRule { Days = 30, Years = 1 } }],
        }));
        Assert.Contains("rights.deadlineMonths", Fields(Valid() with { Rights = new RightsRules { DeadlineMonths = 6 } }));
    }

    [Fact]
    public void Yaml_with_kebab_case_enums_reads_into_the_definition()
    {
        var definition = RegisterDefinitionReader.Parse("""
            id: shop
            name: { fi: Kauppa, sv: Butik }
            controller: { name: Kauppa Oy }
            purposes:
              - id: research
                name: { en: Research }
                legalBasis: legitimate-interest
                objectionScopes: [market-research]
            categories:
              - id: calls
                name: { en: Calls }
                retention: { days: 30, from: last-activity }
            """, "inline");

        Assert.Equal(LegalBasis.LegitimateInterest, definition.Purposes[0].LegalBasis);
        Assert.Equal(RetentionStart.LastActivity, definition.Categories[0].Retention.From);
        Assert.Equal("Butik", definition.Name.Sv);
    }

    [Fact]
    public void An_unknown_key_in_yaml_is_refused_with_its_line()
    {
        var error = Assert.Throws<LedgerValidationException>(() => RegisterDefinitionReader.Parse("id: shop\nnmae: typo\n", "typo.yaml"));

        Assert.Contains("typo.yaml line 2", error.Message);
    }
}
