using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PrivacyLedger.Grpc.V1;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.Grpc;

/// <summary>
/// <c>privacy_ledger.v1.RequestService</c> in memory, on both engines (<see cref="PostgresRequestsGrpcTests"/>,
/// <see cref="SqliteRequestsGrpcTests"/>): every RPC, its errors and its roles. A few scenario tests, each on the
/// class's gateway, rather than one gateway per RPC.
/// </summary>
public abstract class RequestsGrpcTests : GrpcTestBase
{
    private const string Corporate = "plusterveys-corporate";

    private RequestService.RequestServiceClient Officer => ClientFor<RequestService.RequestServiceClient>("privacy-officer");

    private RequestService.RequestServiceClient Backend => ClientFor<RequestService.RequestServiceClient>("service");

    /// <summary>Enrols a person in a register with a category of it (over HTTP: enrolment is not this class's subject).</summary>
    private async Task<string> EnrolInAsync(string email, string registerId = Corporate, string category = "contact-person")
    {
        var response = await Gateway.ClientFor("service").PostAsJsonAsync($"/v1/registers/{registerId}/members", new
        {
            identifiers = new[] { new { kind = "email", value = email } },
            categories = new[] { new { id = category } },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
    }

    private async Task<string> CreateAsync(RightsRequestType type, string subjectId, RightsRequestDetails? details = null) =>
        (await Backend.CreateRightsRequestAsync(new CreateRightsRequestRequest
        {
            Type = type,
            Channel = RightsRequestChannel.Phone,
            Subject = new SubjectRef { SubjectId = subjectId },
            Details = details,
        })).RequestId;

    private static Identifier Email(string value) => new() { Kind = IdentifierKind.Email, Value = value };

    [Fact]
    public async Task A_request_named_by_identifiers_is_created_read_and_listed_page_by_page_as_over_HTTP()
    {
        var email = NewEmail();
        var subjectId = await EnrolInAsync(email);
        var receivedAt = DateTimeOffset.UtcNow.AddDays(-2);

        var created = await Backend.CreateRightsRequestAsync(new CreateRightsRequestRequest
        {
            Type = RightsRequestType.Access,
            Channel = RightsRequestChannel.Web,
            Subject = new SubjectRef { Identifiers = { Email(email.ToUpperInvariant()) } },
            Registers = { Corporate },
            ReceivedAt = Timestamp.FromDateTimeOffset(receivedAt),
        });
        var second = await CreateAsync(RightsRequestType.Restriction, subjectId, new RightsRequestDetails { Reason = "accuracy contested" });

        Assert.Equal(RightsRequestStatus.Received, created.Status);
        var read = (await Officer.GetRightsRequestAsync(new GetRightsRequestRequest { RequestId = created.RequestId })).Request;
        Assert.Equal(subjectId, read.SubjectId);
        Assert.Equal(RightsRequestType.Access, read.Type);
        Assert.Equal(RightsRequestChannel.Web, read.Channel);
        Assert.Equal(receivedAt.ToUnixTimeSeconds(), read.ReceivedAt.Seconds);
        Assert.Equal(created.DueAt, read.DueAt);
        Assert.False(read.Fee.Applies);
        Assert.Null(read.Verification);
        Assert.Equal(RightsRequestOutcome.Unspecified, read.Outcome);
        Assert.False(read.HasAnswer);
        Assert.NotEmpty(read.ComplaintNotice);
        // The same request over HTTP: the same fields, the same values.
        var json = (await Gateway.ClientFor("privacy-officer").GetFromJsonAsync<JsonObject>($"/v1/requests/{created.RequestId}"))!;
        Assert.Equal(json["dueAt"]!.GetValue<DateTimeOffset>(), read.DueAt.ToDateTimeOffset());
        Assert.Equal(json["complaintNotice"]!.GetValue<string>(), read.ComplaintNotice);
        Assert.Equal(json["tasks"]!.AsArray().Count, read.Tasks.Count);
        Assert.Equal(json["flags"]!.AsArray().Select(f => f!.GetValue<string>()), read.Flags);

        // The queue a page at a time: both of this test's requests, in arrival order, whatever else it holds.
        var seen = new List<RightsRequestSummary>();
        var request = new ListRightsRequestsRequest { PageSize = 1, Status = RightsRequestStatus.Received };
        ListRightsRequestsResponse page;
        do
        {
            page = await Officer.ListRightsRequestsAsync(request);
            Assert.True(page.Requests.Count <= 1);
            seen.AddRange(page.Requests);
            request.PageToken = page.NextPageToken;
        }
        while (page.NextPageToken.Length > 0);
        Assert.Equal([created.RequestId, second], seen.Where(r => r.SubjectId == subjectId).Select(r => r.RequestId));
        Assert.All(seen, r => Assert.Equal(RightsRequestStatus.Received, r.Status));
        var dueSoon = await Officer.ListRightsRequestsAsync(new ListRightsRequestsRequest { DueBefore = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) });
        Assert.DoesNotContain(dueSoon.Requests, r => r.SubjectId == subjectId);
        Assert.DoesNotContain((await Officer.ListRightsRequestsAsync(new ListRightsRequestsRequest { Status = RightsRequestStatus.Cancelled })).Requests,
            r => r.SubjectId == subjectId);
    }

    [Fact]
    public async Task A_request_is_verified_extended_and_its_external_task_confirmed_and_others_refused_or_cancelled()
    {
        var registerId = $"ext-{Guid.NewGuid():N}"[..16];
        var admin = Gateway.ClientFor("admin");
        var definition = (await admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{Corporate}"))!["definition"]!.DeepClone().AsObject();
        definition["id"] = registerId;
        definition["categories"]![0]!["external"] = true;
        var category = definition["categories"]![0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/registers/{registerId}", definition)).StatusCode);
        var subjectId = await EnrolInAsync(NewEmail(), registerId, category);
        var erasure = await CreateAsync(RightsRequestType.Erasure, subjectId);
        var objection = await CreateAsync(RightsRequestType.Objection, subjectId,
            new RightsRequestDetails { Scope = ObjectionScope.DirectMarketing, Channels = { Channel.Email, Channel.Sms } });
        var withdrawal = await CreateAsync(RightsRequestType.ConsentWithdrawal, subjectId);

        var extended = (await Officer.ExtendRightsRequestAsync(new ExtendRightsRequestRequest { RequestId = erasure, Months = 2, Reason = "many registers" })).Request;
        var verified = (await Officer.VerifyRightsRequestAsync(new VerifyRightsRequestRequest
        {
            RequestId = erasure,
            Method = VerificationMethod.StrongElectronicIdentification,
            VerifiedBy = "officer-anna",
        })).Request;
        // Refused before the erasure completes: once the person's key is destroyed, new free text about them is not kept.
        var refused = (await Officer.RefuseRightsRequestAsync(new RefuseRightsRequestRequest
        {
            RequestId = objection,
            Reason = RefusalReason.ManifestlyUnfounded,
            Explanation = "the same objection was recorded yesterday",
        })).Request;
        var confirmed = (await Backend.ConfirmRightsTaskAsync(new ConfirmRightsTaskRequest
        {
            RequestId = erasure,
            RegisterId = registerId,
            ConfirmedBy = "crm-batch",
            Evidence = "deleted 3 rows, job 991",
        })).Request;
        var cancelled = (await Officer.CancelRightsRequestAsync(new CancelRightsRequestRequest { RequestId = withdrawal, Reason = "the person withdrew the request" })).Request;

        Assert.Equal(2, extended.Extension.Months);
        Assert.Equal("many registers", extended.Extension.Reason);
        Assert.True(extended.DueAt.ToDateTimeOffset() > extended.ReceivedAt.ToDateTimeOffset().AddMonths(2));
        Assert.Equal(RightsRequestStatus.InProgress, verified.Status);
        Assert.Equal(VerificationMethod.StrongElectronicIdentification, verified.Verification.Method);
        Assert.Equal("officer-anna", verified.Verification.VerifiedBy);
        Assert.Equal(RightsTaskStatus.AwaitingConfirmation, verified.Tasks.Single(t => t.RegisterId == registerId).Status);
        Assert.Equal(RightsRequestStatus.Completed, confirmed.Status);
        var task = confirmed.Tasks.Single(t => t.RegisterId == registerId);
        Assert.Equal(RightsTaskStatus.Done, task.Status);
        // Sealed under the person's data key, which the erasure it completed destroyed: the confirmation and its time stay.
        Assert.NotNull(task.Confirmation.At);
        Assert.Equal("", task.Confirmation.ConfirmedBy);
        Assert.Equal("", task.Confirmation.Evidence);
        Assert.Equal(RightsRequestOutcome.Erased, confirmed.Outcome);
        Assert.Equal(RightsRequestStatus.Refused, refused.Status);
        Assert.Equal(RefusalReason.ManifestlyUnfounded, refused.Refusal.Reason);
        Assert.Equal("the same objection was recorded yesterday", refused.Refusal.Explanation);
        Assert.Equal(RightsRequestStatus.Cancelled, cancelled.Status);
    }

    [Fact]
    public async Task Bad_input_is_INVALID_ARGUMENT_naming_the_proto_field_and_what_is_missing_or_contradictory_is_NOT_FOUND_or_FAILED_PRECONDITION()
    {
        var email = NewEmail();
        var subjectId = await EnrolInAsync(email);
        var other = await EnrolInAsync(NewEmail());
        var requestId = await CreateAsync(RightsRequestType.Access, subjectId);
        var valid = new CreateRightsRequestRequest { Type = RightsRequestType.Access, Channel = RightsRequestChannel.Email, Subject = new SubjectRef { SubjectId = subjectId } };

        await GrpcAssert.InvalidAsync("type", Backend.CreateRightsRequestAsync(new CreateRightsRequestRequest(valid) { Type = RightsRequestType.Unspecified }));
        await GrpcAssert.InvalidAsync("channel", Backend.CreateRightsRequestAsync(new CreateRightsRequestRequest(valid) { Channel = (RightsRequestChannel)99 }));
        await GrpcAssert.InvalidAsync("subject", Backend.CreateRightsRequestAsync(new CreateRightsRequestRequest(valid) { Subject = new SubjectRef() }));
        await GrpcAssert.InvalidAsync("subject.identifiers[0].kind", Backend.CreateRightsRequestAsync(new CreateRightsRequestRequest(valid)
        {
            Subject = new SubjectRef { Identifiers = { new Identifier { Value = email } } },
        }));
        await GrpcAssert.InvalidAsync("registers[0]", Backend.CreateRightsRequestAsync(new CreateRightsRequestRequest(valid) { Registers = { "no-such-register" } }));
        await GrpcAssert.InvalidAsync("received_at", Backend.CreateRightsRequestAsync(new CreateRightsRequestRequest(valid)
        {
            ReceivedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)),
        }));
        await GrpcAssert.InvalidAsync("verified_by", Officer.VerifyRightsRequestAsync(new VerifyRightsRequestRequest { RequestId = requestId, Method = VerificationMethod.PhotoId }));
        await GrpcAssert.InvalidAsync("months", Officer.ExtendRightsRequestAsync(new ExtendRightsRequestRequest { RequestId = requestId, Reason = "busy" }));
        await GrpcAssert.InvalidAsync("reason", Officer.RefuseRightsRequestAsync(new RefuseRightsRequestRequest { RequestId = requestId, Explanation = "no" }));
        await GrpcAssert.InvalidAsync("reason", Officer.CancelRightsRequestAsync(new CancelRightsRequestRequest { RequestId = requestId }));
        await GrpcAssert.InvalidAsync("evidence", Backend.ConfirmRightsTaskAsync(new ConfirmRightsTaskRequest { RequestId = requestId, RegisterId = Corporate }));
        await GrpcAssert.InvalidAsync("request_id", Officer.GetRightsRequestAsync(new GetRightsRequestRequest()));
        await GrpcAssert.InvalidAsync("page_size", Officer.ListRightsRequestsAsync(new ListRightsRequestsRequest { PageSize = 501 }));
        await GrpcAssert.InvalidAsync("status", Officer.ListRightsRequestsAsync(new ListRightsRequestsRequest { Status = (RightsRequestStatus)42 }));

        var unknown = await GrpcAssert.NotFoundAsync("request", Officer.GetRightsRequestAsync(new GetRightsRequestRequest { RequestId = "0192f1a2b3c47d8e9f0a1b2c3d4e5f60" }));
        Assert.Equal("0192f1a2b3c47d8e9f0a1b2c3d4e5f60", unknown.ResourceName);
        await GrpcAssert.FailsAsync(StatusCode.NotFound, Backend.CreateRightsRequestAsync(new CreateRightsRequestRequest(valid)
        {
            Subject = new SubjectRef { Identifiers = { Email(NewEmail()) } },
        }));
        var contradiction = await GrpcAssert.FailsAsync(StatusCode.FailedPrecondition, Backend.CreateRightsRequestAsync(new CreateRightsRequestRequest(valid)
        {
            Subject = new SubjectRef { SubjectId = other, Identifiers = { Email(email) } },
        }));
        Assert.DoesNotContain(email, contradiction.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("subject.subjectId and subject.identifiers[0]", contradiction.Status.Detail);
    }

    [Fact]
    public async Task Each_RPC_takes_the_roles_of_the_HTTP_route_it_mirrors()
    {
        var subjectId = await EnrolInAsync(NewEmail());
        var requestId = await CreateAsync(RightsRequestType.Access, subjectId);
        var marketing = ClientFor<RequestService.RequestServiceClient>("marketing");
        var operatorClient = ClientFor<RequestService.RequestServiceClient>("campaign-operator");
        var anonymous = ClientFor<RequestService.RequestServiceClient>(null);

        // The officer creates as the backend does; the admin may call everything.
        Assert.NotEmpty((await Officer.CreateRightsRequestAsync(new CreateRightsRequestRequest
        {
            Type = RightsRequestType.Portability,
            Channel = RightsRequestChannel.Letter,
            Subject = new SubjectRef { SubjectId = subjectId },
        })).RequestId);
        Assert.Equal(requestId, (await ClientFor<RequestService.RequestServiceClient>("admin").GetRightsRequestAsync(new GetRightsRequestRequest { RequestId = requestId })).Request.RequestId);

        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, marketing.CreateRightsRequestAsync(new CreateRightsRequestRequest
        {
            Type = RightsRequestType.Access,
            Channel = RightsRequestChannel.Web,
            Subject = new SubjectRef { SubjectId = subjectId },
        }));
        // The backend takes requests in and confirms its own tasks, but reads nobody's request back.
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Backend.GetRightsRequestAsync(new GetRightsRequestRequest { RequestId = requestId }));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Backend.ListRightsRequestsAsync(new ListRightsRequestsRequest()));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Backend.VerifyRightsRequestAsync(new VerifyRightsRequestRequest { RequestId = requestId }));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Backend.ExtendRightsRequestAsync(new ExtendRightsRequestRequest { RequestId = requestId }));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Backend.RefuseRightsRequestAsync(new RefuseRightsRequestRequest { RequestId = requestId }));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Backend.CancelRightsRequestAsync(new CancelRightsRequestRequest { RequestId = requestId }));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, operatorClient.ConfirmRightsTaskAsync(new ConfirmRightsTaskRequest { RequestId = requestId, RegisterId = Corporate }));
        await GrpcAssert.FailsAsync(StatusCode.Unauthenticated, anonymous.GetRightsRequestAsync(new GetRightsRequestRequest { RequestId = requestId }));
        // Nothing a refused call named was changed.
        Assert.Equal(RightsRequestStatus.Received, (await Officer.GetRightsRequestAsync(new GetRightsRequestRequest { RequestId = requestId })).Request.Status);
    }
}

[Collection(PostgresCollection3.Name)]
public sealed class PostgresRequestsGrpcTests(PostgresClusterFixture postgres, ClassGateway shared) : RequestsGrpcTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteRequestsGrpcTests(ClassGateway shared) : RequestsGrpcTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
