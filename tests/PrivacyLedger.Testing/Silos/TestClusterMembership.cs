using System.Reflection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace PrivacyLedger.Testing.Silos;

public static class TestClusterMembership
{
    /// <summary>
    /// The test cluster registers its in-memory membership table after the silo configuration delegates run, so it
    /// would replace the silos' own (and declare a killed silo dead at once, proving nothing about failure detection).
    /// The switch is internal in Orleans.TestingHost 10.4.2; this fails loudly if a later version renames it.
    /// </summary>
    public static void UseMembershipOfTheSilos(this InProcessTestClusterOptions options)
    {
        var property = typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("InProcessTestClusterOptions.UseTestClusterMembership is gone; find the new way to keep the test cluster's membership out.");
        property.SetValue(options, false);
    }

    /// <summary>
    /// Failure detection shortened for tests on loopback: a killed silo is declared dead in about two seconds
    /// (the gateway's defaults are a little longer; see docs/orleans.md).
    /// </summary>
    public static ISiloBuilder UseFastFailureDetection(this ISiloBuilder silo) =>
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 2;
            options.NumVotesForDeathDeclaration = 1;
            options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        });
}
