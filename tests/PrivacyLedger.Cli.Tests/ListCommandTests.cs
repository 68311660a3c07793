using System.Net;

namespace PrivacyLedger.Cli.Tests;

public sealed class ListCommandTests
{
    [Fact]
    public async Task Requests_list_sends_the_filters_and_prints_a_table()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.OK,
            """{"items":[{"requestId":"r-1","type":"erasure","subjectId":"s-1","status":"in-progress","receivedAt":"2025-01-02T10:00:00Z","dueAt":"2025-02-02T10:00:00Z"}],"next":null}"""));

        var run = await CliRunner.RunAsync(gateway, "requests", "list", "--status", "in-progress", "--overdue", "--limit", "5");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("/v1/requests?status=in-progress&overdue=true&limit=5", Assert.Single(gateway.Requests).PathAndQuery);
        Assert.Contains("r-1", run.Output, StringComparison.Ordinal);
        Assert.Contains("erasure", run.Output, StringComparison.Ordinal);
        Assert.Contains("2025-02-02 10:00Z", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("1 in all\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Campaign_items_follows_next_until_the_limit()
    {
        var gateway = new FakeGateway(request => FakeGateway.Json(HttpStatusCode.OK, request.Uri.Query.Contains("after=p2", StringComparison.Ordinal)
            ? """{"items":[{"subjectId":"s-3","status":"held","note":"billing under legal hold until 2031"},{"subjectId":"s-4","status":"erased"}],"next":"p3"}"""
            : """{"items":[{"subjectId":"s-1","status":"erased"},{"subjectId":"s-2","status":"failed","note":"not a member"}],"next":"p2"}"""));

        var run = await CliRunner.RunAsync(gateway, "campaign", "items", "c-1", "--status", "held", "--limit", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["/v1/campaigns/c-1/items?status=held&limit=3", "/v1/campaigns/c-1/items?status=held&after=p2&limit=1"],
            gateway.Requests.Select(r => r.PathAndQuery));
        Assert.Contains("billing under legal hold until 2031", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s-4", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("3 shown; there may be more (raise --limit)\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_cells_are_not_read_as_markup()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.OK,
            """{"items":[{"subjectId":"s-1","status":"failed","note":"[red]bracketed[/]"}],"next":null}"""));

        var run = await CliRunner.RunAsync(gateway, "campaign", "items", "c-1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[red]bracketed[/]", run.Output, StringComparison.Ordinal);
    }
}
