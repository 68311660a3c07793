using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Campaigns;
using PrivacyLedger.Ledger.Permissions;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Retention;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Cluster.Tests;

/// <summary>
/// Domain behaviour on grains in the cluster, every method of every grain interface called through the Orleans
/// client: each argument, answer and domain exception crosses the wire, so a type without a codec fails here, not
/// in production when a call first lands on another silo.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GrainMessageTests(PostgresClusterFixture postgres) : LedgerClusterTestBase(postgres)
{
    [Fact]
    public async Task A_subject_enrols_consents_objects_is_restricted_and_keeps_a_verifiable_ledger()
    {
        var subject = Client.GetGrain<ISubjectGrain>("messages");
        var enrolled = await subject.EnrolAsync(People.Enrolment(SampleRegisters.PkTerveys, "m@example.fi", "basic-data", "feedback"), Tester);
        Assert.Equal(new EnrolmentOutcome("messages", Created: true), enrolled);

        await subject.GrantConsentAsync("direct-marketing", new ConsentChange(["email", "sms"], "web-form", "checkbox"), Tester);
        var marketing = new PermissionQuery("direct-marketing", "email", SampleRegisters.PkTerveys);
        Assert.Equal(["consent:direct-marketing:pk-terveys-customers"], (await subject.CheckPermissionAsync(marketing))!.Reasons);

        await subject.RegisterObjectionAsync("direct-marketing", new ObjectionChange([], "phone", null), Tester);
        var objected = (await subject.CheckPermissionAsync(marketing))!;
        Assert.False(objected.Allowed);
        Assert.Equal(["objection:direct-marketing"], objected.Reasons);
        await subject.WithdrawObjectionAsync("direct-marketing", "phone", Tester);
        await subject.RestrictAsync(SampleRegisters.PkTerveys, "accuracy contested", Tester);
        Assert.Equal(["restricted:pk-terveys-customers"], (await subject.CheckPermissionAsync(marketing))!.Reasons);
        await subject.LiftRestrictionAsync(SampleRegisters.PkTerveys, Tester);
        await subject.WithdrawConsentAsync("direct-marketing", "web-form", Tester);
        Assert.Equal(["no-consent:direct-marketing"], (await subject.CheckPermissionAsync(marketing))!.Reasons);

        var view = await subject.ReadAsync(Tester);
        Assert.Equal("m@example.fi", view.Contact.Email);
        Assert.Equal([SampleRegisters.PkTerveys], view.Memberships.Select(m => m.RegisterId));
        Assert.Equal(["basic-data", "feedback"], view.Memberships[0].Categories.Select(c => c.Id));
        Assert.Equal([SampleRegisters.PkTerveys], await subject.GetMembershipsAsync());
        Assert.False(await subject.IsRetentionExpiredAsync(SampleRegisters.PkTerveys));
        Assert.Empty((await subject.ApplyRetentionAsync(dryRun: true, Tester)).Expired);

        var page = await subject.ReadLedgerAsync(0, 100, Tester);
        Assert.Equal(Enumerable.Range(1, page.Items.Count).Select(i => (long)i), page.Items.Select(e => e.Seq));
        Assert.Equal("m@example.fi", page.Items.Single(e => e.Type == "contact.rectified").Data!.Value.GetProperty("contact").GetProperty("email").GetString());
        var verification = await subject.VerifyLedgerAsync();
        Assert.True(verification.Valid);
        Assert.Equal(page.Items.Count + 1, verification.Events);
    }

    [Fact]
    public async Task Domain_errors_reach_the_caller_as_themselves_with_the_field_at_fault()
    {
        var unknown = await Assert.ThrowsAsync<LedgerNotFoundException>(() => Client.GetGrain<ISubjectGrain>("nobody").ReadAsync(Tester));
        Assert.Equal("Subject 'nobody' was not found.", unknown.Message);
        var subject = Client.GetGrain<ISubjectGrain>("bad-input");
        await subject.EnrolAsync(People.Enrolment(SampleRegisters.PkTerveys, "b@example.fi"), Tester);

        var invalid = await Assert.ThrowsAsync<LedgerValidationException>(() => subject.GrantConsentAsync("direct-marketing", new ConsentChange(["pigeon"], "web", null), Tester));

        Assert.Equal("channels", invalid.Field);
        // Refused before anything was stored (StateProviderTests prove a half-done turn leaves nothing in memory either).
        Assert.Empty((await subject.ReadAsync(Tester)).Consents);
    }

    [Fact]
    public async Task The_subject_grain_itself_refuses_a_purpose_or_scope_no_register_defines()
    {
        var subject = Client.GetGrain<ISubjectGrain>("unknown-words");
        await subject.EnrolAsync(People.Enrolment(SampleRegisters.PkTerveys, "u@example.fi"), Tester);

        var purpose = await Assert.ThrowsAsync<LedgerValidationException>(() =>
            subject.GrantConsentAsync("no-such-purpose", new ConsentChange(["email"], "web", null), Tester));
        var scope = await Assert.ThrowsAsync<LedgerValidationException>(() =>
            subject.RegisterObjectionAsync("no-such-scope", new ObjectionChange([], "web", null), Tester));

        Assert.Equal("purposeId", purpose.Field);
        Assert.Equal("scope", scope.Field);
        var view = await subject.ReadAsync(Tester);
        Assert.Empty(view.Consents);
        Assert.Empty(view.Objections);
    }

    [Fact]
    public async Task A_rights_request_is_created_verified_extended_and_exported_through_the_client()
    {
        var subject = Client.GetGrain<ISubjectGrain>("asker");
        await subject.EnrolAsync(People.Enrolment(SampleRegisters.Elamasi, "a@example.fi", "basic-data"), Tester);
        var request = Client.GetGrain<IRightsRequestGrain>("access-1");

        var created = await request.CreateAsync(new NewRequest(RequestType.Access, "asker", null, null, RequestChannel.Web, null), Tester);
        Assert.Equal(RequestStatus.Received, created.Status);
        Assert.Equivalent(created, await request.GetAsync(), strict: true);
        await Assert.ThrowsAsync<LedgerConflictException>(() => request.ExportAsync(Tester));
        var extended = await request.ExtendAsync(2, "many registers", Tester);
        Assert.Equal(created.DueAt.AddMonths(2), extended.DueAt);
        var verified = await request.VerifyAsync(VerificationMethod.StrongElectronicIdentification, "bank-id", Tester);
        Assert.Equal(RequestStatus.Completed, verified.Status);
        Assert.Equal(ComplaintNotice.Text, verified.ComplaintNotice);

        var export = await request.ExportAsync(Tester);
        Assert.Equal("access-1", export["requestId"]!.GetValue<string>());
        Assert.Equal(ComplaintNotice.Text, export["complaintNotice"]!.GetValue<string>());

        var refused = Client.GetGrain<IRightsRequestGrain>("access-2");
        await refused.CreateAsync(new NewRequest(RequestType.Access, "asker", null, null, RequestChannel.Letter, null), Tester);
        Assert.True((await refused.GetAsync())!.Fee.Applies);
        Assert.Equal(RequestStatus.Refused, (await refused.RefuseAsync(RefusalReason.Excessive, "third this year", Tester)).Status);
        var cancelled = Client.GetGrain<IRightsRequestGrain>("restrict-1");
        await cancelled.CreateAsync(new NewRequest(RequestType.Restriction, "asker", null, null, RequestChannel.Email, new RequestDetails { Reason = "contested" }), Tester);
        Assert.Equal(RequestStatus.Cancelled, (await cancelled.CancelAsync("asked by phone", Tester)).Status);
        // A cancelled request never made tasks, so there is none to confirm.
        await Assert.ThrowsAsync<LedgerNotFoundException>(() => cancelled.ConfirmTaskAsync(SampleRegisters.Elamasi, "crm", "ticket 1", Tester));
    }

    [Fact]
    public async Task Registers_campaigns_uploads_and_sweeps_answer_through_the_client()
    {
        var register = Client.GetGrain<IRegisterGrain>(SampleRegisters.Perhelaakarit);
        var stored = (await register.GetAsync())!;
        Assert.Equal(SampleRegisters.Perhelaakarit, stored.Definition.Id);
        var renamed = stored.Definition with { Name = stored.Definition.Name with { En = "Renamed" } };
        var put = await register.PutAsync(renamed, Tester);
        Assert.Equal(stored.Version + 1, put.Version);
        Assert.Equal("Renamed", (await register.GetAsync())!.Definition.Name.En);

        await People.EnrolManyAsync(Client, "upload", 3, SampleRegisters.PkTerveys, Tester);
        var upload = Client.GetGrain<ICampaignUploadGrain>("upload-1");
        Assert.Equal(3, await upload.AppendAsync(["upload-0000", "upload-0001", "upload-0001", "upload-0002"]));
        Assert.Equal(3, await upload.CountAsync());

        var dryRun = Client.GetGrain<ICampaignGrain>("dry-1");
        Assert.True((await dryRun.StartAsync(new NewCampaign(CampaignKind.Erasure, null, new CampaignSelector { SubjectIdsUpload = "upload-1" }, DryRun: true, MaxPerSecond: null), Tester)).DryRun);
        Assert.True(await Eventually.TrueAsync(async () => (await dryRun.GetAsync())!.Status == CampaignStatus.Completed, Within));
        Assert.Equal((3, 0), ((await dryRun.GetAsync())!.Total, (await dryRun.GetAsync())!.Erased));

        // One person a second: slow enough to pause, resume and cancel while it runs.
        var erasure = Client.GetGrain<ICampaignGrain>("erase-1");
        await erasure.StartAsync(new NewCampaign(CampaignKind.Erasure, null, new CampaignSelector { SubjectIdsUpload = "upload-1" }, DryRun: false, MaxPerSecond: 1), Tester);
        Assert.Equal(CampaignStatus.Paused, (await erasure.PauseAsync(Tester)).Status);
        Assert.Equal(CampaignStatus.Running, (await erasure.ResumeAsync(Tester)).Status);
        Assert.True(await Eventually.TrueAsync(async () => (await erasure.GetAsync())!.Status == CampaignStatus.Completed, Within));
        Assert.Equal(3, (await erasure.GetAsync())!.Erased);
        var cancelled = Client.GetGrain<ICampaignGrain>("cancel-1");
        await cancelled.StartAsync(new NewCampaign(CampaignKind.Erasure, null, new CampaignSelector { SubjectIds = ["ghost-1", "ghost-2", "ghost-3"] }, DryRun: false, MaxPerSecond: 1), Tester);
        Assert.Equal(CampaignStatus.Cancelled, (await cancelled.CancelAsync(Tester)).Status);

        var sweep = Client.GetGrain<IRetentionSweepGrain>(RetentionSweepGrain.DailyKey);
        await sweep.EnsureScheduledAsync(TimeSpan.FromDays(1));
        var report = await sweep.SweepNowAsync(SampleRegisters.PkTerveys, dryRun: true, Tester);
        Assert.True(report.DryRun);
        Assert.Equal([SampleRegisters.PkTerveys], report.Registers);
        Assert.Equal(0, report.SubjectsExamined);
    }
}
