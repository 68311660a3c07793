using System.Net;

namespace PrivacyLedger.Cli.Tests;

public sealed class ClusterCommandTests
{
    private const string Cluster = """
        {"clusterId":"privacy-ledger","self":{"siloAddress":"127.0.0.1:11111@1","name":"node-1"},
         "nodes":[{"siloAddress":"127.0.0.1:11111@1","name":"node-1","hostName":"db1","status":"active","startedAt":"2026-12-06T19:00:00+00:00","lastHeartbeatAt":"2026-12-06T19:05:00+00:00","activations":1204},
                  {"siloAddress":"127.0.0.1:11112@2","name":"node-2","hostName":"db1","status":"joining","startedAt":"2026-12-06T19:06:00+00:00"}]}
        """;

    private static string Campaigns(string? next, params string[] ids) =>
        $$"""{"items":[{{string.Join(",", ids.Select(id => $$"""{"campaignId":"{{id}}","status":"running","dryRun":false,"total":100000,"processed":2500,"erased":2400,"held":100,"failed":0,"ratePerSecond":250,"etaSeconds":390}"""))}}],"next":{{(next is null ? "null" : $"\"{next}\"")}}}""";

    [Fact]
    public async Task Status_shows_each_node_with_its_state_and_activations_and_the_campaigns_running()
    {
        var gateway = new FakeGateway(request => request.Uri.AbsolutePath switch
        {
            "/v1/cluster" => FakeGateway.Json(HttpStatusCode.OK, Cluster),
            "/v1/campaigns" when !request.Uri.Query.Contains("after=", StringComparison.Ordinal) => FakeGateway.Json(HttpStatusCode.OK, Campaigns("c-2", "c-1", "c-2")),
            "/v1/campaigns" => FakeGateway.Json(HttpStatusCode.OK, Campaigns(null, "c-3")),
            _ => FakeGateway.Json(HttpStatusCode.NotFound, "{}"),
        });

        var run = await CliRunner.RunAsync(gateway, "cluster", "status");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["/v1/cluster", "/v1/campaigns?status=running&limit=100", "/v1/campaigns?status=running&after=c-2&limit=98"], gateway.Requests.Select(r => r.PathAndQuery));
        Assert.Contains("privacy-ledger, 2 nodes, answered by 127.0.0.1:11111@1", run.Output, StringComparison.Ordinal);
        var lines = run.Output.Split('\n');
        Assert.Contains(lines, line => line.Contains("node-1 *", StringComparison.Ordinal) && line.Contains("active", StringComparison.Ordinal) && line.Contains("1,204", StringComparison.Ordinal));
        // A node that has not reported: no heartbeat yet, no count, never a zero it did not say.
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"node-2 .*joining .*│ -\s+│ -\s+│$"));
        Assert.Contains("activations 1,204 in all", run.Output, StringComparison.Ordinal);
        Assert.Contains(lines, line => line.Contains("c-3", StringComparison.Ordinal) && line.Contains("2,500", StringComparison.Ordinal) && line.Contains("100,000", StringComparison.Ordinal));
        Assert.Contains("3 in all", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_says_none_when_no_campaign_runs()
    {
        var gateway = new FakeGateway(request => request.Uri.AbsolutePath == "/v1/cluster"
            ? FakeGateway.Json(HttpStatusCode.OK, Cluster)
            : FakeGateway.Json(HttpStatusCode.OK, """{"items":[],"next":null}"""));

        var run = await CliRunner.RunAsync(gateway, "cluster", "status");

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("campaigns running:\nnone\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_without_the_right_is_one_error_line()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Forbidden());

        var run = await CliRunner.RunAsync(gateway, "cluster", "status");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Equal(["error: 403 Forbidden: The caller's role does not hold the right this operation needs."], run.ErrorLines);
    }
}
