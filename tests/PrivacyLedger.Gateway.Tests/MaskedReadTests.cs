using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// The console's masked read of a person (<see cref="ISubjectGrain.ReadMaskedAsync"/>): nothing personal in clear, the
/// ledger without its data, and the read recorded as masked, unlike the full read that reveals; on both engines.
/// </summary>
public abstract class MaskedReadTests : CampaignTestBase
{
    private static readonly Actor Officer = new("test-privacy-officer", "privacy-officer");

    [Fact]
    public async Task A_masked_read_shows_nothing_personal_in_clear_and_is_recorded_as_masked_and_the_reveal_as_a_full_read()
    {
        var email = $"maija-{Guid.NewGuid():N}@example.fi";
        var enrolled = await Gateway.ClientFor("service").PostAsJsonAsync("/v1/registers/pk-terveys-customers/members", new
        {
            identifiers = new object[] { new { kind = "email", value = email }, new { kind = "hetu", value = "131052-308T" }, new { kind = "customer-number", value = "C-77123" } },
            contact = new { givenName = "Maija", familyName = "Meikäläinen", phone = "+358401234567", address = "Kotikatu 1, Helsinki", language = "fi" },
            categories = new[] { new { id = "basic-data" } },
        });
        var subjectId = (await enrolled.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
        var subject = Gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<ISubjectGrain>(subjectId);

        var overview = await subject.ReadMaskedAsync(0, 100, Officer);

        var shown = JsonSerializer.Serialize(overview, LedgerJson.Options);
        foreach (var secret in new[] { email, "Maija", "Meikäläinen", "+358401234567", "Kotikatu", "131052-308T", "C-77123" })
        {
            Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        }
        Assert.Equal("M•••", overview.Subject.Contact.GivenName);
        Assert.Equal("•••", overview.Subject.Contact.Address);
        Assert.Equal("fi", overview.Subject.Contact.Language);
        Assert.All(overview.Subject.Identifiers, identifier => Assert.True(identifier.Masked));
        Assert.Equal(["pk-terveys-customers"], overview.Subject.Memberships.Select(m => m.RegisterId));
        Assert.All(overview.Ledger.Items, item => Assert.Null(item.Data));
        Assert.Equal("personal-data.read", overview.Ledger.Items[^1].Type);
        Assert.Equal((await subject.VerifyLedgerAsync()).Head, overview.Ledger.Items[^1].Hash);

        var revealed = await subject.ReadAsync(Officer);

        Assert.Equal("Maija", revealed.Contact.GivenName);
        Assert.Equal(["subject-masked", "subject"], await ReadsAsync(subjectId));
    }

    /// <summary>What each recorded read of the person says it read, oldest first, as the API shows the ledger.</summary>
    private async Task<List<string>> ReadsAsync(string subjectId)
    {
        var page = await Gateway.ClientFor("privacy-officer").GetFromJsonAsync<JsonObject>($"/v1/subjects/{subjectId}/ledger?limit=1000");
        return [.. page!["items"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "personal-data.read" && e["actor"]!.GetValue<string>().Contains("test-privacy-officer", StringComparison.Ordinal))
            .Select(e => e!["data"]!["what"]!.GetValue<string>())
            .Where(what => what != "ledger")];
    }
}

[Collection(PostgresCollection4.Name)]
public sealed class PostgresMaskedReadTests(PostgresClusterFixture postgres) : MaskedReadTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteMaskedReadTests : MaskedReadTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
