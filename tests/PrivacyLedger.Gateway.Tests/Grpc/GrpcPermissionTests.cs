using Grpc.Core;
using PrivacyLedger.Grpc.V1;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.Grpc;

/// <summary>PermissionService: the same decisions as <c>/v1/…/permissions</c>, one, a batch, or a stream of them.</summary>
public abstract class GrpcPermissionTests : GrpcTestBase
{
    private const string Purpose = "direct-marketing";

    private PermissionService.PermissionServiceClient Marketing => ClientFor<PermissionService.PermissionServiceClient>("marketing");

    private async Task<string> ConsentedAsync()
    {
        var subjectId = await EnrolAsync();
        await ClientFor<SubjectService.SubjectServiceClient>("service").GrantConsentAsync(new GrantConsentRequest
        {
            SubjectId = subjectId, PurposeId = Purpose, Channels = { Channel.Email }, Source = "web-form",
        });
        return subjectId;
    }

    [Fact]
    public async Task Check_answers_as_the_consent_says()
    {
        var consented = await ConsentedAsync();
        var unconsented = await EnrolAsync();

        var allowed = await Marketing.CheckAsync(new CheckRequest { SubjectId = consented, Purpose = Purpose, Channel = Channel.Email });
        var denied = await Marketing.CheckAsync(new CheckRequest { SubjectId = unconsented, Purpose = Purpose, Channel = Channel.Email });
        var otherChannel = await Marketing.CheckAsync(new CheckRequest { SubjectId = consented, Purpose = Purpose, Channel = Channel.Sms });

        Assert.True(allowed.Allowed);
        Assert.NotEmpty(allowed.Reasons);
        Assert.False(denied.Allowed);
        Assert.False(otherChannel.Allowed);
    }

    [Fact]
    public async Task Check_refuses_what_the_HTTP_check_refuses_naming_the_field()
    {
        var subjectId = await EnrolAsync();

        await GrpcAssert.InvalidAsync("purpose", Marketing.CheckAsync(new CheckRequest { SubjectId = subjectId, Channel = Channel.Email }));
        // A consent purpose is decided per channel.
        await GrpcAssert.InvalidAsync("channel", Marketing.CheckAsync(new CheckRequest { SubjectId = subjectId, Purpose = Purpose }));
        // A number the contract does not define (a newer client's channel).
        await GrpcAssert.InvalidAsync("channel", Marketing.CheckAsync(new CheckRequest { SubjectId = subjectId, Purpose = Purpose, Channel = (Channel)99 }));
        await GrpcAssert.InvalidAsync("subject_id", Marketing.CheckAsync(new CheckRequest { Purpose = Purpose, Channel = Channel.Email }));
        var missing = await GrpcAssert.NotFoundAsync("subject", Marketing.CheckAsync(new CheckRequest { SubjectId = "no-such-subject", Purpose = Purpose, Channel = Channel.Email }));
        Assert.Equal("no-such-subject", missing.ResourceName);
    }

    [Fact]
    public async Task CheckBatch_answers_in_the_order_asked_and_an_unknown_subject_as_not_allowed()
    {
        var consented = await ConsentedAsync();
        var unconsented = await EnrolAsync();

        var answer = await Marketing.CheckBatchAsync(new CheckBatchRequest
        {
            Purpose = Purpose, Channel = Channel.Email, SubjectIds = { unconsented, "no-such-subject", consented },
        });

        Assert.Equal([unconsented, "no-such-subject", consented], answer.Results.Select(r => r.SubjectId));
        Assert.Equal([false, false, true], answer.Results.Select(r => r.Allowed));
        Assert.Equal(["unknown-subject"], answer.Results[1].Reasons);
    }

    [Fact]
    public async Task CheckBatch_takes_1_to_1000_non_empty_ids()
    {
        await GrpcAssert.InvalidAsync("subject_ids", Marketing.CheckBatchAsync(new CheckBatchRequest { Purpose = Purpose, Channel = Channel.Email }));
        await GrpcAssert.InvalidAsync("subject_ids", Marketing.CheckBatchAsync(new CheckBatchRequest
        {
            Purpose = Purpose, Channel = Channel.Email, SubjectIds = { Enumerable.Range(0, 1001).Select(i => $"s{i}") },
        }));
        await GrpcAssert.InvalidAsync("subject_ids[1]", Marketing.CheckBatchAsync(new CheckBatchRequest
        {
            Purpose = Purpose, Channel = Channel.Email, SubjectIds = { "a", "" },
        }));
    }

    [Fact]
    public async Task CheckStream_answers_every_check_in_order_and_a_refused_one_without_ending_the_stream()
    {
        var consented = await ConsentedAsync();
        var unconsented = await EnrolAsync();
        var asked = new[]
        {
            new CheckStreamRequest { SubjectId = consented, Purpose = Purpose, Channel = Channel.Email },
            new CheckStreamRequest { SubjectId = unconsented, Channel = Channel.Email },
            new CheckStreamRequest { SubjectId = "no-such-subject", Purpose = Purpose, Channel = Channel.Email },
        };
        // Many in flight: more than one window of concurrent checks.
        var many = Enumerable.Range(0, 1500).Select(i => new CheckStreamRequest { SubjectId = i % 2 == 0 ? consented : unconsented, Purpose = Purpose, Channel = Channel.Email });

        using var call = Marketing.CheckStream();
        var answers = new List<CheckStreamResponse>();
        var reading = Task.Run(async () =>
        {
            await foreach (var answer in call.ResponseStream.ReadAllAsync())
            {
                answers.Add(answer);
            }
        });
        foreach (var request in asked.Concat(many))
        {
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();
        await reading;

        Assert.Equal(3 + 1500, answers.Count);
        Assert.True(answers[0].Result.Allowed);
        Assert.Null(answers[1].Result);
        Assert.Equal((int)StatusCode.InvalidArgument, answers[1].Error.Code);
        Assert.Equal("purpose", answers[1].Error.Field);
        Assert.Equal(["unknown-subject"], answers[2].Result.Reasons);
        Assert.Equal(Enumerable.Range(0, 1500).Select(i => i % 2 == 0), answers.Skip(3).Select(a => a.Result.Allowed));
    }

    [Fact]
    public async Task Checks_take_the_roles_of_the_HTTP_checks()
    {
        var request = new CheckBatchRequest { Purpose = Purpose, Channel = Channel.Email, SubjectIds = { "no-such-subject" } };

        await GrpcAssert.FailsAsync(StatusCode.Unauthenticated, ClientFor<PermissionService.PermissionServiceClient>(null).CheckBatchAsync(request));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, ClientFor<PermissionService.PermissionServiceClient>("campaign-operator").CheckBatchAsync(request));
        Assert.Single((await ClientFor<PermissionService.PermissionServiceClient>("service").CheckBatchAsync(request)).Results);
    }
}

[Collection(PostgresCollection3.Name)]
public sealed class PostgresGrpcPermissionTests(PostgresClusterFixture postgres, ClassGateway shared) : GrpcPermissionTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteGrpcPermissionTests(ClassGateway shared) : GrpcPermissionTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
