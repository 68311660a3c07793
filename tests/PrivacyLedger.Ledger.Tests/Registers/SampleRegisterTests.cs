using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Ledger.Tests.Registers;

/// <summary>The sample register files hold what PRODUCT.md says they hold, and they validate.</summary>
public sealed class SampleRegisterTests
{
    private static readonly IReadOnlyDictionary<string, RegisterDefinition> Samples =
        RegisterDefinitionReader.LoadFolder(Path.Combine(RepositoryRoot(), "samples", "registers")).ToDictionary(d => d.Id);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PrivacyLedger.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("PrivacyLedger.sln not found above the test binaries.");
    }

    private static DataCategory Category(string registerId, string categoryId) => Samples[registerId].Categories.Single(c => c.Id == categoryId);

    [Fact]
    public void The_four_registers_of_the_seeds_are_there()
    {
        Assert.Equal(["elamasi-kunnossa-customers", "perhelaakarit-customers", "pk-terveys-customers", "plusterveys-corporate"], Samples.Keys.Order());
    }

    [Fact]
    public void R5_retention_rules_of_pk_terveys()
    {
        Assert.Equal(30, Category("pk-terveys-customers", "call-recordings").Retention.Days);
        Assert.Equal(5, Category("pk-terveys-customers", "feedback").Retention.Years);
    }

    [Fact]
    public void R6_billing_and_payment_data_are_under_a_legal_hold()
    {
        Assert.NotNull(Category("perhelaakarit-customers", "billing").LegalHold);
        Assert.NotNull(Category("pk-terveys-customers", "payment").LegalHold);
    }

    [Fact]
    public void R10_the_health_profile_is_special_category_data()
    {
        Assert.True(Category("elamasi-kunnossa-customers", "health-profile").Special);
    }

    [Fact]
    public void R8_a_register_stating_a_two_month_deadline_is_flagged()
    {
        var elamasi = Samples["elamasi-kunnossa-customers"];

        Assert.Equal(2, elamasi.Rights.DeadlineMonths);
        Assert.Equal([RegisterFlags.LongerDeadline], RegisterFlags.For(elamasi));
        Assert.Empty(RegisterFlags.For(Samples["pk-terveys-customers"]));
    }

    [Fact]
    public void R11_the_corporate_register_is_bilingual()
    {
        var corporate = Samples["plusterveys-corporate"];

        Assert.False(string.IsNullOrWhiteSpace(corporate.Name.Fi));
        Assert.False(string.IsNullOrWhiteSpace(corporate.Name.Sv));
        Assert.All(corporate.Purposes, purpose => Assert.False(string.IsNullOrWhiteSpace(purpose.Name.Sv)));
    }

    [Fact]
    public void R7_pk_terveys_names_recipients_to_notify()
    {
        Assert.Contains(Samples["pk-terveys-customers"].Recipients, recipient => recipient.Notify);
    }
}
