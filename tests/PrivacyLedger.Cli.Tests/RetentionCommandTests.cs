using System.Net;

namespace PrivacyLedger.Cli.Tests;

public sealed class RetentionCommandTests
{
    private static HttpResponseMessage Report(bool dryRun) => FakeGateway.Json(HttpStatusCode.OK,
        $$"""{"dryRun":{{(dryRun ? "true" : "false")}},"registers":["pk-terveys-customers"],"subjectsExamined":12,"expired":[{"registerId":"pk-terveys-customers","categoryId":"call-recordings","subjects":3,"external":false}]}""");

    private static FakeGateway Gateway() =>
        new(request => Report(dryRun: request.Body!.Contains("\"dryRun\":true", StringComparison.Ordinal)));

    [Fact]
    public async Task A_sweep_is_a_dry_run_unless_execute_is_given()
    {
        var gateway = Gateway();

        var run = await CliRunner.RunAsync(gateway, "retention", "sweep", "--register", "pk-terveys-customers");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal("/v1/retention/sweeps", request.PathAndQuery);
        Assert.Equal("""{"dryRun":true,"registerId":"pk-terveys-customers"}""", request.Body);
        Assert.StartsWith("dry run: nothing was removed\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("call-recordings", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_with_execute_and_yes_removes_without_asking()
    {
        var gateway = Gateway();

        var run = await CliRunner.RunAsync(gateway, "retention", "sweep", "--execute", "--yes");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""{"dryRun":false}""", Assert.Single(gateway.Requests).Body);
        Assert.StartsWith("removed\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_with_execute_on_a_terminal_shows_the_dry_run_and_asks_first()
    {
        var gateway = Gateway();

        var confirmed = await CliRunner.RunOnTerminalAsync(gateway, "yes\n", "retention", "sweep", "--execute");
        var declined = await CliRunner.RunOnTerminalAsync(gateway, "n\n", "retention", "sweep", "--execute");

        Assert.Equal(0, confirmed.ExitCode);
        Assert.Contains("dry run: 3 expired items", confirmed.Error, StringComparison.Ordinal);
        Assert.Contains("Remove them for real? [y/N]", confirmed.Error, StringComparison.Ordinal);
        Assert.StartsWith("removed\n", confirmed.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Error, declined.ExitCode);
        Assert.Equal("", declined.Output);
        Assert.Equal(["""{"dryRun":true}""", """{"dryRun":false}""", """{"dryRun":true}"""], gateway.Requests.Select(r => r.Body));
    }

    [Fact]
    public async Task A_sweep_with_execute_and_no_terminal_is_refused_unless_yes_is_given()
    {
        var gateway = Gateway();

        var run = await CliRunner.RunAsync(gateway, "retention", "sweep", "--execute");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("pass --yes", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }
}
