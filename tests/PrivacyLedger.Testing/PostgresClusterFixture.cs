using Xunit;

namespace PrivacyLedger.Testing;

/// <summary>
/// One throwaway PostgreSQL per test collection. If it cannot start, every test that needs it fails with
/// the reason: a missing PostgreSQL is never a silent skip (and under CI=true never a pass).
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The PostgreSQL test cluster is not running.");

    public string ConnectionString => Cluster.ConnectionString;

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>A schema name of its own for each test class, so classes sharing the cluster never see each other's rows.</summary>
    public static string SchemaFor(Type testClass)
    {
        var name = new string([.. testClass.Name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return $"t_{name[..Math.Min(name.Length, 50)]}";
    }
}
