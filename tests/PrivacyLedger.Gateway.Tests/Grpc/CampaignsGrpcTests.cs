using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Google.Rpc;
using Grpc.Core;
using PrivacyLedger.Grpc.V1;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.Grpc;

/// <summary>
/// <c>privacy_ledger.v1.CampaignService</c> in memory, on both engines (<see cref="PostgresCampaignsGrpcTests"/>,
/// <see cref="SqliteCampaignsGrpcTests"/>): every RPC, the progress stream to a campaign's end or the caller's
/// deadline, errors and roles. Campaigns are a handful of people listed by id in a sample register.
/// </summary>
public abstract class CampaignsGrpcTests : GrpcTestBase
{
    private const string Corporate = "plusterveys-corporate";

    private CampaignService.CampaignServiceClient Operator => ClientFor<CampaignService.CampaignServiceClient>("campaign-operator");

    private CampaignService.CampaignServiceClient Officer => ClientFor<CampaignService.CampaignServiceClient>("privacy-officer");

    private async Task<List<string>> EnrolManyAsync(int count) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            var response = await Gateway.ClientFor("service").PostAsJsonAsync($"/v1/registers/{Corporate}/members", new
            {
                identifiers = new[] { new { kind = "email", value = $"p-{Guid.NewGuid():N}@example.fi" } },
                categories = new[] { new { id = "contact-person" } },
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
        }))];

    private static StartCampaignRequest Erasure(IEnumerable<string> people, bool? dryRun = null, int? maxPerSecond = null)
    {
        var request = new StartCampaignRequest { Kind = CampaignKind.Erasure, Selector = new CampaignSelector { SubjectIds = { people } } };
        if (dryRun is { } given)
        {
            request.DryRun = given;
        }
        if (maxPerSecond is { } max)
        {
            request.MaxPerSecond = max;
        }
        return request;
    }

    /// <summary>Every message of a progress stream until it ends, and how long that took.</summary>
    private static async Task<(List<Campaign> Messages, TimeSpan Took)> WatchToEndAsync(CampaignService.CampaignServiceClient client, string campaignId)
    {
        var clock = Stopwatch.StartNew();
        using var call = client.WatchCampaignProgress(new WatchCampaignProgressRequest { CampaignId = campaignId }, deadline: DateTime.UtcNow.AddSeconds(60));
        var messages = new List<Campaign>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            messages.Add(message.Campaign);
        }
        return (messages, clock.Elapsed);
    }

    [Fact]
    public async Task A_campaign_is_a_dry_run_unless_dry_run_is_false_and_reads_back_as_over_HTTP()
    {
        var people = await EnrolManyAsync(3);

        var unsaid = (await Operator.StartCampaignAsync(Erasure(people))).Campaign;
        var said = (await Operator.StartCampaignAsync(Erasure(people, dryRun: true))).Campaign;
        var real = (await Operator.StartCampaignAsync(new StartCampaignRequest
        {
            Kind = CampaignKind.RegisterPurge,
            RegisterId = Corporate,
            Selector = new CampaignSelector { SubjectIds = { people[0] } },
            DryRun = false,
        })).Campaign;

        Assert.True(unsaid.DryRun);
        Assert.True(said.DryRun);
        Assert.False(real.DryRun);
        Assert.Equal(CampaignKind.RegisterPurge, real.Kind);
        Assert.Equal(Corporate, real.RegisterId);
        Assert.False(unsaid.HasRegisterId);
        var (messages, _) = await WatchToEndAsync(Operator, unsaid.CampaignId);
        var done = messages[^1];
        Assert.Equal(CampaignStatus.Completed, done.Status);
        Assert.Equal(3, done.Total);
        Assert.Equal(0, done.Erased);
        Assert.Equal(done, (await Officer.GetCampaignAsync(new GetCampaignRequest { CampaignId = unsaid.CampaignId })).Campaign);
        var json = (await Gateway.ClientFor("campaign-operator").GetFromJsonAsync<JsonObject>($"/v1/campaigns/{unsaid.CampaignId}"))!;
        Assert.Equal(json["total"]!.GetValue<long>(), done.Total);
        Assert.Equal(json["completedAt"]!.GetValue<DateTimeOffset>(), done.CompletedAt.ToDateTimeOffset());
        Assert.Equal(json["sample"]!.AsArray().Select(s => s!.GetValue<string>()), done.Sample);
        var purged = (await WatchToEndAsync(Operator, real.CampaignId)).Messages[^1];
        Assert.Equal((CampaignStatus.Completed, 1L, 1L), (purged.Status, purged.Processed, purged.Erased + purged.Skipped));
    }

    [Fact]
    public async Task The_progress_stream_sends_the_state_at_once_then_its_changes_a_few_times_a_second_until_the_campaign_completes()
    {
        var people = await EnrolManyAsync(6);
        var started = (await Operator.StartCampaignAsync(Erasure(people, dryRun: false, maxPerSecond: 3))).Campaign;

        var (messages, took) = await WatchToEndAsync(Officer, started.CampaignId);

        Assert.Equal(started.CampaignId, messages[0].CampaignId);
        Assert.True(messages[0].Processed < 6, $"the first message came only at the end ({messages.Count} messages)");
        Assert.True(messages.Count >= 2, $"{messages.Count} messages");
        var last = messages[^1];
        Assert.Equal(CampaignStatus.Completed, last.Status);
        Assert.Equal(6, last.Processed);
        Assert.Equal(6, last.Erased);
        Assert.NotNull(last.CompletedAt);
        // Each message says something new, and processed never goes back.
        Assert.All(messages.Zip(messages.Skip(1)), pair =>
        {
            Assert.NotEqual(pair.First, pair.Second);
            Assert.True(pair.Second.Processed >= pair.First.Processed);
        });
        // Looked at four times a second at most: never more messages than looks.
        Assert.True(messages.Count <= (took.TotalSeconds * 4) + 2, $"{messages.Count} messages in {took.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Pause_resume_and_cancel_change_a_running_campaign_the_caller_ends_its_stream_and_an_ended_one_is_FAILED_PRECONDITION()
    {
        var people = await EnrolManyAsync(4);
        var started = (await Operator.StartCampaignAsync(Erasure(people, dryRun: false, maxPerSecond: 1))).Campaign;

        var paused = (await Operator.PauseCampaignAsync(new PauseCampaignRequest { CampaignId = started.CampaignId })).Campaign;
        var pausedAgain = (await Operator.PauseCampaignAsync(new PauseCampaignRequest { CampaignId = started.CampaignId })).Campaign;
        // A paused campaign never ends by itself: the caller ends the stream, after the state at once. (Cancelled rather
        // than a deadline here: in memory, the server's abort at a deadline can reach the client before its own timer.)
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        using (var call = Officer.WatchCampaignProgress(new WatchCampaignProgressRequest { CampaignId = started.CampaignId }, cancellationToken: stop.Token))
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(CampaignStatus.Paused, call.ResponseStream.Current.Campaign.Status);
            var stopped = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.Cancelled, stopped.StatusCode);
        }
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
        var resumed = (await Operator.ResumeCampaignAsync(new ResumeCampaignRequest { CampaignId = started.CampaignId })).Campaign;
        var cancelled = (await Operator.CancelCampaignAsync(new CancelCampaignRequest { CampaignId = started.CampaignId })).Campaign;
        var cancelledAgain = (await Operator.CancelCampaignAsync(new CancelCampaignRequest { CampaignId = started.CampaignId })).Campaign;
        var ended = await GrpcAssert.FailsAsync(StatusCode.FailedPrecondition, Operator.ResumeCampaignAsync(new ResumeCampaignRequest { CampaignId = started.CampaignId }));

        Assert.Equal(CampaignStatus.Paused, paused.Status);
        Assert.Equal(CampaignStatus.Paused, pausedAgain.Status);
        Assert.Equal(CampaignStatus.Running, resumed.Status);
        Assert.Equal(CampaignStatus.Cancelled, cancelled.Status);
        Assert.Equal(CampaignStatus.Cancelled, cancelledAgain.Status);
        Assert.Contains("is cancelled", ended.Status.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(Assert.IsType<PreconditionFailure>(ended.GetRpcStatus()?.GetDetail<PreconditionFailure>()).Violations);
        // The stream of an ended campaign is its final state, and then it ends.
        Assert.Equal(CampaignStatus.Cancelled, Assert.Single((await WatchToEndAsync(Operator, started.CampaignId)).Messages).Status);
        Assert.DoesNotContain(Gateway.Logs.Lines, line => line.Contains("failed unexpectedly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_names_the_proto_field_an_unknown_campaign_is_NOT_FOUND_and_each_RPC_takes_its_HTTP_route_s_roles()
    {
        var people = await EnrolManyAsync(1);
        var campaignId = (await Operator.StartCampaignAsync(Erasure(people))).Campaign.CampaignId;
        const string Unknown = "0192f1a2b3c47d8e9f0a1b2c3d4e5f60";

        await GrpcAssert.InvalidAsync("kind", Operator.StartCampaignAsync(new StartCampaignRequest(Erasure(people)) { Kind = CampaignKind.Unspecified }));
        await GrpcAssert.InvalidAsync("register_id", Operator.StartCampaignAsync(new StartCampaignRequest(Erasure(people)) { Kind = CampaignKind.RegisterPurge }));
        await GrpcAssert.InvalidAsync("max_per_second", Operator.StartCampaignAsync(Erasure(people, maxPerSecond: 0)));
        await GrpcAssert.InvalidAsync("selector", Operator.StartCampaignAsync(new StartCampaignRequest { Kind = CampaignKind.Erasure }));
        await GrpcAssert.InvalidAsync("campaign_id", Operator.GetCampaignAsync(new GetCampaignRequest()));
        await GrpcAssert.NotFoundAsync("campaign", Operator.GetCampaignAsync(new GetCampaignRequest { CampaignId = Unknown }));
        await GrpcAssert.FailsAsync(StatusCode.NotFound, Operator.PauseCampaignAsync(new PauseCampaignRequest { CampaignId = Unknown }));
        var watchUnknown = await Assert.ThrowsAsync<RpcException>(async () => await WatchToEndAsync(Operator, Unknown));
        Assert.Equal(StatusCode.NotFound, watchUnknown.StatusCode);

        // Deletion at scale is the campaign operator's; the privacy officer only follows it; backends and marketing do neither.
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Officer.StartCampaignAsync(Erasure(people)));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Officer.PauseCampaignAsync(new PauseCampaignRequest { CampaignId = campaignId }));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Officer.ResumeCampaignAsync(new ResumeCampaignRequest { CampaignId = campaignId }));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Officer.CancelCampaignAsync(new CancelCampaignRequest { CampaignId = campaignId }));
        var service = ClientFor<CampaignService.CampaignServiceClient>("service");
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, service.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaignId }));
        var watchDenied = await Assert.ThrowsAsync<RpcException>(async () => await WatchToEndAsync(ClientFor<CampaignService.CampaignServiceClient>("marketing"), campaignId));
        Assert.Equal(StatusCode.PermissionDenied, watchDenied.StatusCode);
        Assert.Equal(campaignId, (await ClientFor<CampaignService.CampaignServiceClient>("admin").GetCampaignAsync(new GetCampaignRequest { CampaignId = campaignId })).Campaign.CampaignId);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCampaignsGrpcTests(PostgresClusterFixture postgres, ClassGateway shared) : CampaignsGrpcTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteCampaignsGrpcTests(ClassGateway shared) : CampaignsGrpcTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
