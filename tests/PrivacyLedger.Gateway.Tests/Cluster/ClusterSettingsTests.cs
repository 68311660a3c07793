using Microsoft.Extensions.Options;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.Cluster;

/// <summary>
/// A cluster setting the node cannot run with stops it at start-up, naming the key: <c>Cluster:*</c> through the
/// start-up validation of every other setting, the membership timings as the silo is configured.
/// </summary>
public sealed class ClusterSettingsTests : IDisposable
{
    private readonly TemporaryDatabaseFile _database = new();

    [Theory]
    [InlineData("Cluster:DrainDelay", "-00:00:01")]
    [InlineData("Cluster:DrainDelay", "00:05:00")]
    public async Task A_drain_delay_out_of_range_refuses_to_start_naming_the_key(string key, string value)
    {
        var failure = await StartFailureAsync(key, value);

        var invalid = failure as OptionsValidationException
            ?? (failure as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault();
        Assert.NotNull(invalid);
        Assert.Contains(invalid.Failures, problem => problem.StartsWith(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Orleans:Membership:ProbeTimeout", "00:00:00")]
    [InlineData("Orleans:Membership:NumMissedProbesLimit", "0")]
    [InlineData("Orleans:Membership:NumVotesForDeathDeclaration", "0")]
    public async Task A_membership_timing_that_cannot_work_refuses_to_start_naming_the_key(string key, string value)
    {
        var failure = await StartFailureAsync(key, value);

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _database.Dispose();

    private async Task<Exception> StartFailureAsync(string key, string value)
    {
        var gateway = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Ledger:DataDirectory"] = Path.GetDirectoryName(_database.Path),
            [key] = value,
        });
        try
        {
            return Assert.ThrowsAny<Exception>(() => gateway.CreateClient());
        }
        finally
        {
            try
            {
                await gateway.DisposeAsync();
            }
            catch (Exception exception) when (exception is InvalidOperationException or ArgumentNullException or AggregateException)
            {
                // A host that refused to start cannot be stopped cleanly: expected here.
            }
        }
    }
}
