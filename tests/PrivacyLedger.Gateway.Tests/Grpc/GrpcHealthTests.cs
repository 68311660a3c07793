using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.Grpc;

/// <summary>grpc.health.v1 and server reflection answer without an API key, as /readyz and the OpenAPI document do.</summary>
public abstract class GrpcHealthTests : GrpcTestBase
{
    [Fact]
    public async Task The_overall_service_is_serving_when_storage_is_reachable_and_needs_no_key()
    {
        var health = new global::Grpc.Health.V1.Health.HealthClient(ChannelFor(role: null));

        var answer = await health.CheckAsync(new HealthCheckRequest { Service = "" });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, answer.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_ledger_services_without_a_key()
    {
        var reflection = new ServerReflection.ServerReflectionClient(ChannelFor(role: null));

        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("privacy_ledger.v1.PermissionService", services);
        Assert.Contains("privacy_ledger.v1.SubjectService", services);
        Assert.Contains("privacy_ledger.v1.RegisterService", services);
        Assert.Contains("privacy_ledger.v1.LedgerService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }
}

[Collection(PostgresCollection2.Name)]
public sealed class PostgresGrpcHealthTests(PostgresClusterFixture postgres, ClassGateway shared) : GrpcHealthTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteGrpcHealthTests(ClassGateway shared) : GrpcHealthTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
