using System.Net;

namespace PrivacyLedger.Cli.Tests;

/// <summary>What every command shares: options, environment defaults, errors and exit codes.</summary>
public sealed class CommandLineTests
{
    private static FakeGateway Verified(bool valid) =>
        new(_ => FakeGateway.Json(HttpStatusCode.OK, $$"""{"valid":{{(valid ? "true" : "false")}},"events":12,"head":"9f2c"}"""));

    [Fact]
    public async Task Gateway_and_key_come_from_the_environment_by_default()
    {
        var gateway = Verified(valid: true);
        var environment = new Dictionary<string, string> { ["PRIVACY_LEDGER_URL"] = "http://ledger.test:9000", ["PRIVACY_LEDGER_API_KEY"] = "env-key" };

        var run = await CliRunner.RunAsync(gateway, environment, "ledger", "verify", "s1");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal("http://ledger.test:9000/v1/subjects/s1/ledger/verification", request.Uri.AbsoluteUri);
        Assert.Equal("env-key", request.ApiKey);
    }

    [Fact]
    public async Task Options_win_over_the_environment_and_may_come_after_the_command()
    {
        var gateway = Verified(valid: true);
        var environment = new Dictionary<string, string> { ["PRIVACY_LEDGER_URL"] = "http://ledger.test:9000", ["PRIVACY_LEDGER_API_KEY"] = "env-key" };

        await CliRunner.RunAsync(gateway, environment, "--gateway", "http://other.test/base", "ledger", "verify", "s1", "--api-key", "option-key");

        var request = Assert.Single(gateway.Requests);
        Assert.Equal("http://other.test/base/v1/subjects/s1/ledger/verification", request.Uri.AbsoluteUri);
        Assert.Equal("option-key", request.ApiKey);
    }

    [Fact]
    public async Task Without_environment_the_gateway_is_local_and_no_key_is_sent()
    {
        var gateway = Verified(valid: true);

        await CliRunner.RunAsync(gateway, new Dictionary<string, string>(), "ledger", "verify", "s1");

        var request = Assert.Single(gateway.Requests);
        Assert.Equal("http://127.0.0.1:5080/v1/subjects/s1/ledger/verification", request.Uri.AbsoluteUri);
        Assert.Null(request.ApiKey);
    }

    [Fact]
    public async Task Ledger_verify_exits_0_when_valid_and_3_when_not()
    {
        var valid = await CliRunner.RunAsync(Verified(valid: true), "ledger", "verify", "s1");
        var invalid = await CliRunner.RunAsync(Verified(valid: false), "ledger", "verify", "s1");

        Assert.Equal(ExitCodes.Ok, valid.ExitCode);
        Assert.Equal("valid: 12 events, head 9f2c\n", valid.Output);
        Assert.Equal(ExitCodes.LedgerInvalid, invalid.ExitCode);
        Assert.StartsWith("INVALID:", invalid.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_answer_is_one_line_on_stderr_and_exit_code_1()
    {
        var run = await CliRunner.RunAsync(new FakeGateway(_ => FakeGateway.Forbidden()), "ledger", "verify", "s1");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Equal("error: 403 Forbidden: The caller's role does not hold the right this operation needs.\n", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_missing_key_is_hinted_at_when_the_gateway_asks_for_one()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Problem(HttpStatusCode.Unauthorized,
            """{"title":"Authentication required","status":401,"detail":"Send a valid API key in the X-Api-Key header."}"""));

        var run = await CliRunner.RunAsync(gateway, new Dictionary<string, string>(), "ledger", "verify", "s1");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Equal(
            "error: 401 Authentication required: Send a valid API key in the X-Api-Key header. (no API key given: use --api-key or $PRIVACY_LEDGER_API_KEY)",
            Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task An_unreachable_gateway_is_exit_code_2()
    {
        var run = await CliRunner.RunAsync(new FakeGateway(_ => FakeGateway.Refuse()), "ledger", "verify", "s1");

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Equal("error: gateway unreachable at http://127.0.0.1:5080/: Connection refused (127.0.0.1:5080)", Assert.Single(run.ErrorLines));
    }

    [Theory]
    [InlineData("campaign", "start")]
    [InlineData("campaign", "start", "--kind", "everything")]
    [InlineData("import", "people.csv")]
    [InlineData("campaign")]
    [InlineData("no-such-command")]
    [InlineData("requests", "list", "--limit", "0")]
    public async Task Usage_errors_are_one_line_and_exit_code_1_without_calling_the_gateway(params string[] args)
    {
        var gateway = Verified(valid: true);

        var run = await CliRunner.RunAsync(gateway, args);

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }

    [Fact]
    public async Task A_gateway_url_that_is_not_http_is_a_usage_error()
    {
        var run = await CliRunner.RunAsync(Verified(valid: true), "--gateway", "ftp://x", "ledger", "verify", "s1");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Equal("error: --gateway must be an http or https URL, not 'ftp://x'.", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Help_does_not_show_the_api_key_from_the_environment()
    {
        var environment = new Dictionary<string, string> { ["PRIVACY_LEDGER_API_KEY"] = "secret-key-value" };

        var run = await CliRunner.RunAsync(Verified(valid: true), environment, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--api-key", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-value", run.Output, StringComparison.Ordinal);
    }
}
