using System.Net;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>Per-key rate limits: a caller over its limit gets 429 problem+json with Retry-After; other callers do not.</summary>
public abstract class RateLimitTests : GatewayTestBase
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["RateLimits:PermitsPerSecond"] = "1",
        ["RateLimits:Burst"] = "3",
    };

    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_while_another_key_goes_on()
    {
        var admin = Gateway.ClientFor("admin");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await admin.GetAsync("/v1/registers"));
        }

        Assert.Equal(HttpStatusCode.OK, answers[0].StatusCode);
        var refused = answers.Last();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), refused.Headers.ToString());
        Assert.Equal(HttpStatusCode.OK, (await Gateway.ClientFor("privacy-officer").GetAsync("/v1/registers")).StatusCode);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRateLimitTests(PostgresClusterFixture postgres) : RateLimitTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteRateLimitTests : RateLimitTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}

/// <summary>0 turns the limit off: a burst far over a tiny bucket all answers.</summary>
public sealed class RateLimitOffTests : GatewayTestBase
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["RateLimits:PermitsPerSecond"] = "0",
        ["RateLimits:Burst"] = "1",
    };

    [Fact]
    public async Task Zero_permits_per_second_turns_rate_limiting_off()
    {
        var admin = Gateway.ClientFor("admin");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/registers")).StatusCode);
        }
    }
}
