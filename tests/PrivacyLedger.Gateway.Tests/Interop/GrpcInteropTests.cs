using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// The gRPC API as a client not written in .NET sees it: Interop/grpc_interop.py (Python's grpcio, stubs generated from
/// our .proto files by protoc at test time) against a gateway process listening on loopback, on both engines
/// (<see cref="PostgresGrpcInteropTests"/>, <see cref="SqliteGrpcInteropTests"/>). The script reports what the gateway
/// answered; every answer is judged here.
/// </summary>
public abstract class GrpcInteropTests : GatewayTestBase
{
    private GrpcGatewayProcess? _gateway;

    [Fact]
    public async Task A_python_client_enrols_changes_consent_checks_streams_and_follows_a_campaign_and_decodes_the_errors()
    {
        _gateway = await GrpcGatewayProcess.StartAsync(StorageSettings());

        JsonObject answers;
        try
        {
            answers = await GrpcInteropClient.RunAsync(_gateway.Grpc, _gateway.AdminKey);
        }
        catch (InvalidOperationException exception)
        {
            var log = _gateway.Output;
            throw new InvalidOperationException($"{exception.Message}\nThe gateway's output ends:\n{log[Math.Max(0, log.Length - 4_000)..]}", exception);
        }

        var enrolled = answers["enrolled"]!.AsArray();
        var first = (string)enrolled[0]!["subject_id"]!;
        var second = (string)enrolled[1]!["subject_id"]!;
        Assert.All(enrolled, person => Assert.True((bool)person!["created"]!));
        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.NotEqual(first, second);

        // pk-terveys-customers markets by consent: the unary check follows the consent in and out.
        Assert.False((bool)answers["check_before_consent"]!["allowed"]!);
        Assert.True((bool)answers["check_after_grant"]!["allowed"]!);
        Assert.False((bool)answers["check_after_withdrawal"]!["allowed"]!);
        var consent = Assert.Single(answers["second_consents"]!.AsArray())!;
        Assert.Equal("direct-marketing", (string)consent["purpose_id"]!);
        Assert.Equal(["CHANNEL_EMAIL", "CHANNEL_SMS"], consent["channels"]!.AsArray().Select(channel => (string)channel!));
        Assert.InRange((long)consent["granted_at_seconds"]!, DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);

        // The stream answers in the order asked; a refused check (no subject id) answers in place and the stream goes on.
        var stream = answers["stream"]!.AsArray();
        Assert.Equal(5, stream.Count);
        AssertResult(stream[0]!, first, allowed: false);
        AssertResult(stream[1]!, second, allowed: true);
        AssertResult(stream[2]!, (string)answers["unknown_subject_id"]!, allowed: false);
        Assert.Contains("unknown-subject", stream[2]!["reasons"]!.AsArray().Select(reason => (string)reason!));
        Assert.Equal(3, (int)stream[3]!["error"]!["code"]!); // INVALID_ARGUMENT
        Assert.Equal("subject_id", (string)stream[3]!["error"]!["field"]!);
        AssertResult(stream[4]!, second, allowed: true);

        // A real campaign over both people, followed on its progress stream until it ended.
        var campaign = answers["campaign"]!;
        Assert.False((bool)campaign["dry_run"]!);
        var progress = campaign["progress"]!.AsArray();
        Assert.NotEmpty(progress);
        var last = progress[^1]!;
        Assert.Equal("CAMPAIGN_STATUS_COMPLETED", (string)last["status"]!);
        Assert.Equal(2, (int)last["total"]!);
        Assert.Equal(2, (int)last["processed"]!);
        Assert.Equal(0, (int)last["failed"]!);
        Assert.All(progress, update => Assert.InRange((int)update!["processed"]!, 0, 2));

        Assert.Equal("UNAUTHENTICATED", (string)answers["no_key"]!["code"]!);
        var badField = answers["bad_field"]!;
        Assert.Equal("INVALID_ARGUMENT", (string)badField["code"]!);
        var details = badField["details"]!;
        Assert.True((bool)details["present"]!, "no grpc-status-details-bin trailer");
        Assert.Contains("google.rpc.BadRequest", details["types"]!.AsArray().Select(type => (string)type!));
        var violation = Assert.Single(details["field_violations"]!.AsArray())!;
        Assert.Equal("identifiers[0].value", (string)violation["field"]!);
        Assert.DoesNotContain("not-an-e-mail-address", (string)violation["description"]!);
    }

    private static void AssertResult(JsonNode answer, string subjectId, bool allowed)
    {
        Assert.Null(answer["error"]);
        Assert.Equal(subjectId, (string)answer["subject_id"]!);
        Assert.Equal(allowed, (bool)answer["allowed"]!);
    }

    public override async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}

[Collection(PostgresCollection2.Name)]
public sealed class PostgresGrpcInteropTests(PostgresClusterFixture postgres) : GrpcInteropTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteGrpcInteropTests : GrpcInteropTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
