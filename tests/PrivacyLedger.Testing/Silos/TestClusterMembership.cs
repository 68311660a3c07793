using System.Reflection;
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
}
