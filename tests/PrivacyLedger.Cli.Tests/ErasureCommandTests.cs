using System.Net;

namespace PrivacyLedger.Cli.Tests;

public sealed class ErasureCommandTests
{
    private static FakeGateway Gateway() => new(request =>
    {
        var dryRun = request.Body!.Contains("\"dryRun\":true", StringComparison.Ordinal);
        return FakeGateway.Json(HttpStatusCode.OK,
            $$"""{"dryRun":{{(dryRun ? "true" : "false")}},"checked":60000,"liveKeys":12,"reshredded":{{(dryRun ? 0 : 12)}},"unreadableLines":1}""");
    });

    [Fact]
    public async Task Reconcile_is_a_dry_run_unless_execute_is_given()
    {
        var gateway = Gateway();

        var run = await CliRunner.RunAsync(gateway, "erasures", "reconcile");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal((HttpMethod.Post, "/v1/erasures/reconcile"), (request.Method, request.PathAndQuery));
        Assert.Equal("""{"dryRun":true}""", request.Body);
        Assert.Equal(
            "dry run: nothing was shredded\nchecked     60,000 journalled erasures\nlive again  12 data keys\nshredded    0\ntorn lines  1 (skipped; left by a crash mid-write)\n",
            run.Output);
    }

    [Fact]
    public async Task Reconcile_with_execute_and_yes_shreds_without_asking()
    {
        var gateway = Gateway();

        var run = await CliRunner.RunAsync(gateway, "erasures", "reconcile", "--execute", "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""{"dryRun":false}""", Assert.Single(gateway.Requests).Body);
        Assert.StartsWith("reconciled\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("shredded    12\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_with_execute_on_a_terminal_shows_the_dry_run_and_asks_first()
    {
        var gateway = Gateway();

        var declined = await CliRunner.RunOnTerminalAsync(gateway, "n\n", "erasures", "reconcile", "--execute");
        var confirmed = await CliRunner.RunOnTerminalAsync(gateway, "y\n", "erasures", "reconcile", "--execute");

        Assert.Equal(ExitCodes.Error, declined.ExitCode);
        Assert.Equal("", declined.Output);
        Assert.Contains("dry run: 12 of 60,000 journalled erasures have their data key live again", confirmed.Error, StringComparison.Ordinal);
        Assert.Contains("Shred them again? [y/N]", confirmed.Error, StringComparison.Ordinal);
        Assert.StartsWith("reconciled\n", confirmed.Output, StringComparison.Ordinal);
        Assert.Equal(["""{"dryRun":true}""", """{"dryRun":true}""", """{"dryRun":false}"""], gateway.Requests.Select(r => r.Body));
    }

    [Fact]
    public async Task Reconcile_with_execute_and_no_terminal_is_refused_unless_yes_is_given()
    {
        var gateway = Gateway();

        var run = await CliRunner.RunAsync(gateway, "erasures", "reconcile", "--execute");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("pass --yes", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }
}
