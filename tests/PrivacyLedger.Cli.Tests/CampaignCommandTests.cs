using System.Net;
using System.Text.Json;

namespace PrivacyLedger.Cli.Tests;

public sealed class CampaignCommandTests
{
    private static string State(string status, long processed, long total = 10, bool selecting = false) =>
        $$"""{"campaignId":"c-1","kind":"erasure","status":"{{status}}","dryRun":false,"selecting":{{(selecting ? "true" : "false")}},"total":{{total}},"processed":{{processed}},"erased":{{processed}},"held":0,"failed":0,"skipped":0,"ratePerSecond":2.5,"etaSeconds":4}""";

    [Fact]
    public async Task Start_sends_the_campaign_body_and_prints_the_id()
    {
        using var ids = new TempFile(".txt", "s-1\n\n  s-2  \ns-1\n");
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.Created, """{"campaignId":"c-1"}"""));

        var run = await CliRunner.RunAsync(gateway,
            "campaign", "start", "--kind", "erasure", "--register", "pk-terveys-customers", "--subject-ids-file", ids.Path,
            "--dry-run", "--max-per-second", "50");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("c-1\n", run.Output);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/v1/campaigns", request.PathAndQuery);
        Assert.Equal(
            """{"kind":"erasure","registerId":"pk-terveys-customers","selector":{"retentionExpired":false,"subjectIds":["s-1","s-2"]},"dryRun":true,"maxPerSecond":50}""",
            request.Body);
    }

    [Fact]
    public async Task Start_by_inactivity_sends_the_date_as_utc()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.Created, """{"campaignId":"c-2"}"""));

        await CliRunner.RunAsync(gateway, "campaign", "start", "--kind", "register-purge", "--register", "r", "--inactive-since", "2022-12-31", "--retention-expired");

        using var body = JsonDocument.Parse(Assert.Single(gateway.Requests).Body!);
        var selector = body.RootElement.GetProperty("selector");
        Assert.Equal("register-purge", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("2022-12-31T00:00:00+00:00", selector.GetProperty("inactiveSince").GetString());
        Assert.True(selector.GetProperty("retentionExpired").GetBoolean());
        Assert.True(body.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.False(body.RootElement.TryGetProperty("maxPerSecond", out _));
    }

    [Fact]
    public async Task Start_with_execute_and_yes_starts_the_real_campaign_without_asking()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.Created, """{"campaignId":"c-1","dryRun":false}"""));

        var run = await CliRunner.RunAsync(gateway, "campaign", "start", "--kind", "erasure", "--register", "r", "--inactive-since", "2020-01-01", "--execute", "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("c-1\n", run.Output);
        using var body = JsonDocument.Parse(Assert.Single(gateway.Requests).Body!);
        Assert.False(body.RootElement.GetProperty("dryRun").GetBoolean());
    }

    [Fact]
    public async Task Start_with_execute_on_a_terminal_shows_the_dry_runs_count_and_starts_for_real_on_yes()
    {
        var gateway = new FakeGateway(request => request.Method == HttpMethod.Get
            ? FakeGateway.Json(HttpStatusCode.OK, State("completed", 0, total: 7))
            : request.Body!.Contains("\"dryRun\":true", StringComparison.Ordinal)
                ? FakeGateway.Json(HttpStatusCode.Created, """{"campaignId":"c-dry","dryRun":true}""")
                : FakeGateway.Json(HttpStatusCode.Created, """{"campaignId":"c-real","dryRun":false}"""));

        var run = await CliRunner.RunOnTerminalAsync(gateway, "y\n", "campaign", "start", "--kind", "register-purge", "--register", "r", "--inactive-since", "2020-01-01", "--execute");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("c-real\n", run.Output);
        Assert.Equal(["POST /v1/campaigns", "GET /v1/campaigns/c-dry", "POST /v1/campaigns"], gateway.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.Contains("\"dryRun\":true", gateway.Requests[0].Body!, StringComparison.Ordinal);
        Assert.Contains("\"dryRun\":false", gateway.Requests[2].Body!, StringComparison.Ordinal);
        Assert.Contains("would remove 7 people from r", run.Error, StringComparison.Ordinal);
        Assert.Contains("Start it for real? [y/N]", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n\n")]
    [InlineData("\n")]
    [InlineData("")]
    public async Task Start_with_execute_on_a_terminal_starts_nothing_real_unless_the_answer_is_yes(string typed)
    {
        var gateway = new FakeGateway(request => request.Method == HttpMethod.Get
            ? FakeGateway.Json(HttpStatusCode.OK, State("completed", 0, total: 7))
            : FakeGateway.Json(HttpStatusCode.Created, """{"campaignId":"c-1","dryRun":true}"""));

        var run = await CliRunner.RunOnTerminalAsync(gateway, typed, "campaign", "start", "--kind", "erasure", "--register", "r", "--inactive-since", "2020-01-01", "--execute");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.All(gateway.Requests.Where(r => r.Method == HttpMethod.Post), r => Assert.Contains("\"dryRun\":true", r.Body!, StringComparison.Ordinal));
        Assert.Contains("not confirmed: nothing was changed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_with_execute_and_no_terminal_is_refused_unless_yes_is_given()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.Created, """{"campaignId":"c-1"}"""));

        var run = await CliRunner.RunAsync(gateway, "campaign", "start", "--kind", "erasure", "--register", "r", "--inactive-since", "2020-01-01", "--execute");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("pass --yes", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }

    [Theory]
    [InlineData("--yes")]
    [InlineData("--execute", "--yes", "--dry-run")]
    public async Task Start_refuses_flags_that_contradict_each_other(params string[] flags)
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.Created, """{"campaignId":"c-1"}"""));

        var run = await CliRunner.RunAsync(gateway, ["campaign", "start", "--kind", "erasure", "--register", "r", "--inactive-since", "2020-01-01", .. flags]);

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.StartsWith("error: --", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }

    [Fact]
    public async Task Start_refuses_a_bad_date_before_calling_the_gateway()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.Created, """{"campaignId":"c-2"}"""));

        var run = await CliRunner.RunAsync(gateway, "campaign", "start", "--kind", "erasure", "--inactive-since", "yesterday");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("--inactive-since must be a date", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }

    [Fact]
    public async Task Start_reports_the_gateways_validation_problem()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Problem(HttpStatusCode.BadRequest,
            """{"title":"Invalid input","status":400,"detail":"A register purge names its register.","errors":{"registerId":["A register purge names its register."]}}"""));

        var run = await CliRunner.RunAsync(gateway, "campaign", "start", "--kind", "register-purge", "--retention-expired");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Equal("error: 400 Invalid input: A register purge names its register. [registerId]", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Status_prints_the_campaigns_progress()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.OK, State("running", 4)));

        var run = await CliRunner.RunAsync(gateway, "campaign", "status", "c-1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/v1/campaigns/c-1", Assert.Single(gateway.Requests).PathAndQuery);
        Assert.Contains("status     running", run.Output, StringComparison.Ordinal);
        Assert.Contains("processed  4 of 10 (40%)", run.Output, StringComparison.Ordinal);
        Assert.Contains("rate       2.5/s", run.Output, StringComparison.Ordinal);
        Assert.Contains("eta        4s", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("selection", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_says_when_selection_is_still_running_and_the_total_can_grow()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.OK, State("running", 4, selecting: true)));

        var run = await CliRunner.RunAsync(gateway, "campaign", "status", "c-1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("processed  4 of 10 (40%)", run.Output, StringComparison.Ordinal);
        Assert.Contains("selection  still running: the total can grow", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_outlives_a_gateway_restart()
    {
        var answers = new Queue<Func<HttpResponseMessage>>(
        [
            () => FakeGateway.Json(HttpStatusCode.OK, State("running", 3)),
            FakeGateway.Refuse,
            FakeGateway.Refuse,
            () => FakeGateway.Problem(HttpStatusCode.ServiceUnavailable, """{"title":"Temporarily unavailable","status":503}"""),
            () => FakeGateway.Json(HttpStatusCode.OK, State("running", 7)),
            () => FakeGateway.Json(HttpStatusCode.OK, State("completed", 10)),
        ]);
        var gateway = new FakeGateway(_ => answers.Dequeue()());

        var run = await CliRunner.RunAsync(gateway, "campaign", "status", "c-1", "--watch");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(6, gateway.Requests.Count);
        Assert.Equal("", run.Error);
        var lines = run.Output.Split('\n');
        Assert.Single(lines, line => line == "gateway unreachable, retrying");
        Assert.Single(lines, line => line == "gateway reachable again");
        Assert.Contains("status     completed", run.Output, StringComparison.Ordinal);
        Assert.Contains("processed  10 of 10 (100%)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_exits_1_when_the_campaign_does_not_complete()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.OK, State("cancelled", 5)));

        var run = await CliRunner.RunAsync(gateway, "campaign", "status", "c-1", "--watch");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("status     cancelled", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_stops_on_an_answer_waiting_cannot_fix()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Problem(HttpStatusCode.NotFound, """{"title":"Not found","status":404,"detail":"Campaign 'c-9' does not exist."}"""));

        var run = await CliRunner.RunAsync(gateway, "campaign", "status", "c-9", "--watch");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Equal("error: 404 Not found: Campaign 'c-9' does not exist.", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Start_with_watch_follows_the_new_campaign()
    {
        var gateway = new FakeGateway(request => request.Method == HttpMethod.Post
            ? FakeGateway.Json(HttpStatusCode.Created, """{"campaignId":"c-1"}""")
            : FakeGateway.Json(HttpStatusCode.OK, State("completed", 10)));

        var run = await CliRunner.RunAsync(gateway, "campaign", "start", "--kind", "erasure", "--register", "r", "--inactive-since", "2020-01-01", "--watch");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("c-1\n", run.Output, StringComparison.Ordinal);
        Assert.Equal("/v1/campaigns/c-1", gateway.Requests[1].PathAndQuery);
    }

    [Theory]
    [InlineData("pause", "paused")]
    [InlineData("resume", "running")]
    [InlineData("cancel", "cancelled")]
    public async Task Pause_resume_and_cancel_post_to_the_campaign(string change, string status)
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.OK, State(status, 5)));

        var run = await CliRunner.RunAsync(gateway, "campaign", change, "c-1");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"/v1/campaigns/c-1/{change}", request.PathAndQuery);
        Assert.Equal($"campaign c-1: {status}\n", run.Output);
    }
}
