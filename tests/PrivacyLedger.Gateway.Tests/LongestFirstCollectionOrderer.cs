using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("PrivacyLedger.Gateway.Tests.LongestFirstCollectionOrderer", "PrivacyLedger.Gateway.Tests")]

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Starts the longest test collections first: the runner runs four collections at a time in this order, and a long one
/// started last is the whole run's tail (with the default order the PostgreSQL collections started 8 to 12 minutes into
/// a 15-minute run). First the PostgreSQL collections (a dozen classes each), then the single tests that take minutes
/// on a loaded machine (measured 2026-12-07: a gateway whose database goes away, the deploy scripts' processes), then
/// the rest in the runner's order.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    private static readonly string[] LongSingleTests =
        ["ReadinessWithoutStorageTests", "DeployScriptTests", "GrpcHostingTests", "DeployClusterScriptTests"];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank);

    private static int Rank(ITestCollection collection) =>
        collection.DisplayName.StartsWith(PostgresCollection.Name, StringComparison.Ordinal) ? 0
        : LongSingleTests.Any(name => collection.DisplayName.EndsWith(name, StringComparison.Ordinal)) ? 1
        : 2;
}
