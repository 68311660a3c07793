using Google.Rpc;
using Grpc.Core;
using PrivacyLedger.Grpc.V1;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.Grpc;

/// <summary>SubjectService: enrolment, look-ups and every change, one at a time and batched, with HTTP's rules and roles.</summary>
public abstract class GrpcSubjectTests : GrpcTestBase
{
    private SubjectService.SubjectServiceClient Service => ClientFor<SubjectService.SubjectServiceClient>("service");

    private SubjectService.SubjectServiceClient Officer => ClientFor<SubjectService.SubjectServiceClient>("privacy-officer");

    private async Task<Subject> ReadAsync(string subjectId) => (await Officer.GetSubjectAsync(new GetSubjectRequest { SubjectId = subjectId })).Subject;

    [Fact]
    public async Task Enrol_creates_a_person_once_and_Lookup_and_GetSubject_read_them_back()
    {
        var email = NewEmail();
        var enrol = new EnrolRequest
        {
            RegisterId = SampleRegister,
            Identifiers = { new Identifier { Kind = IdentifierKind.Email, Value = email }, new Identifier { Kind = IdentifierKind.Hetu, Value = "131052-308T" } },
            ExternalId = "crm-7",
            Contact = new ContactData { GivenName = "Maija", FamilyName = "Meikäläinen" },
            Categories = { new CategoryCollection { Id = "basic-data" } },
            Source = "web-shop",
        };

        var created = await Service.EnrolAsync(enrol);
        var again = await Service.EnrolAsync(enrol);
        var found = (await Officer.LookupAsync(new LookupRequest { Identifier = new Identifier { Kind = IdentifierKind.Email, Value = email } })).Subject;
        var read = await ReadAsync(created.SubjectId);

        Assert.True(created.Created);
        Assert.False(again.Created);
        Assert.Equal(created.SubjectId, again.SubjectId);
        Assert.Equal(created.SubjectId, found.SubjectId);
        Assert.Equal("Maija", read.Contact.GivenName);
        Assert.False(read.Contact.HasEmail);
        var membership = Assert.Single(read.Memberships);
        Assert.Equal(SampleRegister, membership.RegisterId);
        Assert.Equal("crm-7", membership.ExternalId);
        Assert.Contains(membership.Categories, c => c.Id == "basic-data");
        // The identity code is masked (R10).
        var hetu = Assert.Single(read.Identifiers, i => i.Kind == IdentifierKind.Hetu);
        Assert.True(hetu.Masked);
        Assert.NotEqual("131052-308T", hetu.Value);
    }

    [Fact]
    public async Task Enrol_and_Lookup_refuse_bad_input_naming_the_proto_field()
    {
        await GrpcAssert.InvalidAsync("identifiers", Service.EnrolAsync(new EnrolRequest { RegisterId = SampleRegister }));
        await GrpcAssert.InvalidAsync("identifiers[0].value", Service.EnrolAsync(new EnrolRequest
        {
            RegisterId = SampleRegister, Identifiers = { new Identifier { Kind = IdentifierKind.Email, Value = "not an address" } },
        }));
        await GrpcAssert.InvalidAsync("identifiers[0].kind", Service.EnrolAsync(new EnrolRequest
        {
            RegisterId = SampleRegister, Identifiers = { new Identifier { Value = NewEmail() } },
        }));
        // The JSON body's limits hold for the message too.
        await GrpcAssert.InvalidAsync("contact.given_name", Service.EnrolAsync(new EnrolRequest
        {
            RegisterId = SampleRegister, Identifiers = { new Identifier { Kind = IdentifierKind.Email, Value = NewEmail() } },
            Contact = new ContactData { GivenName = new string('a', 201) },
        }));
        await GrpcAssert.InvalidAsync("identifier.value", Officer.LookupAsync(new LookupRequest { Identifier = new Identifier { Kind = IdentifierKind.Email, Value = "nobody" } }));
        await GrpcAssert.NotFoundAsync("register", Service.EnrolAsync(new EnrolRequest
        {
            RegisterId = "no-such-register", Identifiers = { new Identifier { Kind = IdentifierKind.Email, Value = NewEmail() } },
        }));
        await GrpcAssert.NotFoundAsync("subject", Officer.LookupAsync(new LookupRequest { Identifier = new Identifier { Kind = IdentifierKind.Email, Value = NewEmail() } }));
        await GrpcAssert.NotFoundAsync("subject", Officer.GetSubjectAsync(new GetSubjectRequest { SubjectId = "no-such-subject" }));
    }

    [Fact]
    public async Task Identifiers_of_two_people_are_a_failed_precondition()
    {
        var first = NewEmail();
        var second = NewEmail();
        await EnrolAsync(first);
        await EnrolAsync(second);

        var failure = await GrpcAssert.FailsAsync(StatusCode.FailedPrecondition, Service.EnrolAsync(new EnrolRequest
        {
            RegisterId = SampleRegister,
            Identifiers = { new Identifier { Kind = IdentifierKind.Email, Value = first }, new Identifier { Kind = IdentifierKind.Email, Value = second } },
        }));

        Assert.NotEmpty(Assert.IsType<PreconditionFailure>(failure.GetRpcStatus()?.GetDetail<PreconditionFailure>()).Violations);
        Assert.DoesNotContain(first, failure.Status.Detail);
    }

    [Fact]
    public async Task Consents_objections_and_restrictions_are_made_and_undone_one_at_a_time()
    {
        var subjectId = await EnrolAsync();

        await Service.GrantConsentAsync(new GrantConsentRequest { SubjectId = subjectId, PurposeId = "direct-marketing", Channels = { Channel.Email, Channel.InPerson }, Source = "web-form", Evidence = "form-1" });
        await Service.ObjectAsync(new ObjectRequest { SubjectId = subjectId, Scope = ObjectionScope.MarketResearch, Channels = { Channel.Phone }, Source = "call" });
        await Officer.RestrictAsync(new RestrictRequest { SubjectId = subjectId, RegisterId = SampleRegister, Reason = "accuracy contested" });
        var made = await ReadAsync(subjectId);
        await Service.WithdrawConsentAsync(new WithdrawConsentRequest { SubjectId = subjectId, PurposeId = "direct-marketing" });
        await Service.WithdrawObjectionAsync(new WithdrawObjectionRequest { SubjectId = subjectId, Scope = ObjectionScope.MarketResearch, Source = "call" });
        await Officer.LiftRestrictionAsync(new LiftRestrictionRequest { SubjectId = subjectId, RegisterId = SampleRegister });
        var undone = await ReadAsync(subjectId);

        var consent = Assert.Single(made.Consents);
        Assert.Equal([Channel.Email, Channel.InPerson], consent.Channels);
        Assert.Equal("form-1", consent.Evidence);
        Assert.Equal(ObjectionScope.MarketResearch, Assert.Single(made.Objections).Scope);
        Assert.Equal("accuracy contested", Assert.Single(made.Restrictions).Reason);
        Assert.Empty(undone.Consents);
        Assert.Empty(undone.Objections);
        Assert.Empty(undone.Restrictions);
    }

    [Fact]
    public async Task Changes_refuse_what_HTTP_refuses()
    {
        var subjectId = await EnrolAsync();

        await GrpcAssert.InvalidAsync("source", Service.GrantConsentAsync(new GrantConsentRequest { SubjectId = subjectId, PurposeId = "direct-marketing", Channels = { Channel.Email } }));
        await GrpcAssert.InvalidAsync("channels[1]", Service.GrantConsentAsync(new GrantConsentRequest
        {
            SubjectId = subjectId, PurposeId = "direct-marketing", Channels = { Channel.Email, Channel.Unspecified }, Source = "web-form",
        }));
        await GrpcAssert.InvalidAsync("purpose_id", Service.GrantConsentAsync(new GrantConsentRequest { SubjectId = subjectId, PurposeId = "no-such-purpose", Channels = { Channel.Email }, Source = "web-form" }));
        await GrpcAssert.InvalidAsync("evidence", Service.GrantConsentAsync(new GrantConsentRequest
        {
            SubjectId = subjectId, PurposeId = "direct-marketing", Channels = { Channel.Email }, Source = "web-form", Evidence = "bidi \u202E override",
        }));
        await GrpcAssert.InvalidAsync("scope", Service.ObjectAsync(new ObjectRequest { SubjectId = subjectId, Channels = { Channel.Email }, Source = "call" }));
        await GrpcAssert.InvalidAsync("reason", Officer.RestrictAsync(new RestrictRequest { SubjectId = subjectId, RegisterId = SampleRegister }));
        await GrpcAssert.NotFoundAsync("consent", Service.WithdrawConsentAsync(new WithdrawConsentRequest { SubjectId = subjectId, PurposeId = "direct-marketing" }));
        await GrpcAssert.NotFoundAsync("subject", Service.GrantConsentAsync(new GrantConsentRequest { SubjectId = "no-such-subject", PurposeId = "direct-marketing", Channels = { Channel.Email }, Source = "web-form" }));
    }

    [Fact]
    public async Task ApplyChanges_answers_each_change_and_makes_the_good_ones()
    {
        var first = await EnrolAsync();
        var second = await EnrolAsync();

        var answer = await Service.ApplyChangesAsync(new ApplyChangesRequest
        {
            Changes =
            {
                new SubjectChange { GrantConsent = new GrantConsentRequest { SubjectId = first, PurposeId = "direct-marketing", Channels = { Channel.Email }, Source = "batch" } },
                // The same person's changes in the order given: granted, then withdrawn.
                new SubjectChange { GrantConsent = new GrantConsentRequest { SubjectId = second, PurposeId = "direct-marketing", Channels = { Channel.Sms }, Source = "batch" } },
                new SubjectChange { WithdrawConsent = new WithdrawConsentRequest { SubjectId = second, PurposeId = "direct-marketing" } },
                new SubjectChange { GrantConsent = new GrantConsentRequest { SubjectId = second, PurposeId = "direct-marketing", Channels = { Channel.Email } } },
                // Restrictions are the privacy officer's, in a batch as alone.
                new SubjectChange { Restrict = new RestrictRequest { SubjectId = first, RegisterId = SampleRegister, Reason = "contested" } },
                new SubjectChange { Object = new ObjectRequest { SubjectId = "no-such-subject", Scope = ObjectionScope.Profiling, Source = "batch" } },
                new SubjectChange(),
            },
        });

        Assert.Equal([StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.InvalidArgument, StatusCode.PermissionDenied, StatusCode.NotFound, StatusCode.InvalidArgument],
            answer.Results.Select(r => (StatusCode)r.Code));
        Assert.Equal("changes[3].grant_consent.source", answer.Results[3].Field);
        Assert.Equal("changes[6]", answer.Results[6].Field);
        Assert.Single((await ReadAsync(first)).Consents);
        Assert.Empty((await ReadAsync(first)).Restrictions);
        Assert.Empty((await ReadAsync(second)).Consents);
        await GrpcAssert.InvalidAsync("changes", Service.ApplyChangesAsync(new ApplyChangesRequest()));
    }

    [Fact]
    public async Task Each_RPC_takes_the_roles_of_its_HTTP_route()
    {
        var subjectId = await EnrolAsync();
        var marketing = ClientFor<SubjectService.SubjectServiceClient>("marketing");

        await GrpcAssert.FailsAsync(StatusCode.Unauthenticated, ClientFor<SubjectService.SubjectServiceClient>(null).GetSubjectAsync(new GetSubjectRequest { SubjectId = subjectId }));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Service.GetSubjectAsync(new GetSubjectRequest { SubjectId = subjectId }));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Service.RestrictAsync(new RestrictRequest { SubjectId = subjectId, RegisterId = SampleRegister, Reason = "x" }));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, marketing.EnrolAsync(new EnrolRequest { RegisterId = SampleRegister }));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, marketing.ApplyChangesAsync(new ApplyChangesRequest()));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, Officer.EnrolAsync(new EnrolRequest { RegisterId = SampleRegister }));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrpcSubjectTests(PostgresClusterFixture postgres, ClassGateway shared) : GrpcSubjectTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteGrpcSubjectTests(ClassGateway shared) : GrpcSubjectTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
