using Grpc.Core;
using PrivacyLedger.Grpc.V1;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.Grpc;

/// <summary>RegisterService and LedgerService: reads with AIP paging, mirroring <c>/v1/registers</c> and <c>/v1/subjects/{id}/ledger</c>.</summary>
public abstract class GrpcRegisterLedgerTests : GrpcTestBase
{
    private RegisterService.RegisterServiceClient Registers => ClientFor<RegisterService.RegisterServiceClient>("campaign-operator");

    private LedgerService.LedgerServiceClient Ledger => ClientFor<LedgerService.LedgerServiceClient>("privacy-officer");

    [Fact]
    public async Task Registers_are_listed_and_read_as_stored()
    {
        var listed = await Registers.ListRegistersAsync(new ListRegistersRequest());
        var read = (await Registers.GetRegisterAsync(new GetRegisterRequest { RegisterId = SampleRegister })).Register;

        Assert.Superset(new HashSet<string> { "elamasi-kunnossa-customers", "perhelaakarit-customers", SampleRegister, "plusterveys-corporate" },
            listed.Registers.Select(r => r.Definition.Id).ToHashSet());
        Assert.Equal(SampleRegister, read.Definition.Id);
        Assert.True(read.Version >= 1);
        var marketing = Assert.Single(read.Definition.Purposes, p => p.Id == "direct-marketing");
        Assert.Equal(LegalBasis.Consent, marketing.LegalBasis);
        Assert.Contains(ObjectionScope.DirectMarketing, marketing.ObjectionScopes);
        Assert.Contains(read.Definition.Purposes, p => p.LegalBasis == LegalBasis.Contract);
        Assert.All(read.Definition.Categories, c => Assert.NotEqual(RetentionStart.Unspecified, c.Retention.Start));
        Assert.NotEmpty(read.Definition.Name.Fi);
        await GrpcAssert.NotFoundAsync("register", Registers.GetRegisterAsync(new GetRegisterRequest { RegisterId = "no-such-register" }));
    }

    [Fact]
    public async Task Members_are_read_page_by_page()
    {
        const string Register = "perhelaakarit-customers";
        var enrolled = new HashSet<string> { await EnrolAsync(registerId: Register), await EnrolAsync(registerId: Register), await EnrolAsync(registerId: Register) };

        var seen = new List<string>();
        var request = new ListRegisterMembersRequest { RegisterId = Register, PageSize = 2 };
        do
        {
            var page = await Registers.ListRegisterMembersAsync(request);
            Assert.InRange(page.Members.Count, 0, 2);
            seen.AddRange(page.Members.Select(m => m.SubjectId));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Superset(enrolled, seen.ToHashSet());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        await GrpcAssert.InvalidAsync("page_size", Registers.ListRegisterMembersAsync(new ListRegisterMembersRequest { RegisterId = Register, PageSize = 1001 }));
        await GrpcAssert.InvalidAsync("page_size", Registers.ListRegisterMembersAsync(new ListRegisterMembersRequest { RegisterId = Register, PageSize = -1 }));
        await GrpcAssert.NotFoundAsync("register", Registers.ListRegisterMembersAsync(new ListRegisterMembersRequest { RegisterId = "no-such-register" }));
    }

    [Fact]
    public async Task The_ledger_is_read_page_by_page_and_verifies()
    {
        var subjectId = await EnrolAsync();
        await ClientFor<SubjectService.SubjectServiceClient>("service").GrantConsentAsync(new GrantConsentRequest
        {
            SubjectId = subjectId, PurposeId = "direct-marketing", Channels = { Channel.Email }, Source = "web-form",
        });

        var first = await Ledger.ReadLedgerAsync(new ReadLedgerRequest { SubjectId = subjectId, PageSize = 1 });
        var rest = await Ledger.ReadLedgerAsync(new ReadLedgerRequest { SubjectId = subjectId, PageToken = first.NextPageToken });
        var verification = await Ledger.VerifyLedgerAsync(new VerifyLedgerRequest { SubjectId = subjectId });

        var events = first.Events.Concat(rest.Events).ToList();
        Assert.Single(first.Events);
        Assert.NotEmpty(first.NextPageToken);
        Assert.Equal(events.Select((_, i) => (long)i + 1), events.Select(e => e.Seq));
        Assert.Contains(events, e => e.Type == "consent.granted" && e.Data is not null);
        Assert.All(events.Skip(1).Zip(events), pair => Assert.Equal(pair.Second.Hash, pair.First.PrevHash));
        Assert.True(verification.Valid);
        Assert.True(verification.Events >= events.Count);
        await GrpcAssert.InvalidAsync("page_token", Ledger.ReadLedgerAsync(new ReadLedgerRequest { SubjectId = subjectId, PageToken = "not-a-token" }));
        await GrpcAssert.InvalidAsync("page_size", Ledger.ReadLedgerAsync(new ReadLedgerRequest { SubjectId = subjectId, PageSize = 1001 }));
        await GrpcAssert.NotFoundAsync("subject", Ledger.VerifyLedgerAsync(new VerifyLedgerRequest { SubjectId = "no-such-subject" }));
        await GrpcAssert.NotFoundAsync("subject", Ledger.ReadLedgerAsync(new ReadLedgerRequest { SubjectId = "no-such-subject" }));
    }

    [Fact]
    public async Task Reads_take_the_roles_of_their_HTTP_routes()
    {
        var subjectId = await EnrolAsync();

        Assert.NotEmpty((await ClientFor<RegisterService.RegisterServiceClient>("service").ListRegistersAsync(new ListRegistersRequest())).Registers);
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, ClientFor<RegisterService.RegisterServiceClient>("service")
            .ListRegisterMembersAsync(new ListRegisterMembersRequest { RegisterId = SampleRegister }));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, ClientFor<RegisterService.RegisterServiceClient>("marketing").ListRegistersAsync(new ListRegistersRequest()));
        await GrpcAssert.FailsAsync(StatusCode.PermissionDenied, ClientFor<LedgerService.LedgerServiceClient>("service").ReadLedgerAsync(new ReadLedgerRequest { SubjectId = subjectId }));
        await GrpcAssert.FailsAsync(StatusCode.Unauthenticated, ClientFor<LedgerService.LedgerServiceClient>(null).VerifyLedgerAsync(new VerifyLedgerRequest { SubjectId = subjectId }));
    }
}

[Collection(PostgresCollection4.Name)]
public sealed class PostgresGrpcRegisterLedgerTests(PostgresClusterFixture postgres, ClassGateway shared) : GrpcRegisterLedgerTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteGrpcRegisterLedgerTests(ClassGateway shared) : GrpcRegisterLedgerTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
