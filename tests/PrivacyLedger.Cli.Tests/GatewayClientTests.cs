using System.Net;
using PrivacyLedger.Cli.Gateway;

namespace PrivacyLedger.Cli.Tests;

public sealed class GatewayClientTests
{
    private static GatewayClient Client(FakeGateway gateway) =>
        new(new HttpClient(gateway) { BaseAddress = new Uri("http://gateway.test/prefix/") }, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Paths_are_escaped_and_resolved_under_the_base_address()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.OK, """{"valid":true,"events":2,"head":"ab"}"""));

        var result = await Client(gateway).VerifyLedgerAsync("a/b c", CancellationToken.None);

        Assert.Equal(new LedgerVerification(true, 2, "ab"), result);
        Assert.Equal("/prefix/v1/subjects/a%2Fb%20c/ledger/verification", Assert.Single(gateway.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Query_parameters_without_a_value_are_left_out()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.OK, """{"items":[],"next":null}"""));

        await Client(gateway).ListRequestsAsync(null, overdue: false, after: null, limit: 10, CancellationToken.None);
        await Client(gateway).ListRequestsAsync("in-progress", overdue: true, after: "x&y", limit: 10, CancellationToken.None);

        Assert.Equal("/prefix/v1/requests?limit=10", gateway.Requests[0].PathAndQuery);
        Assert.Equal("/prefix/v1/requests?status=in-progress&overdue=true&after=x%26y&limit=10", gateway.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task An_error_answer_becomes_a_gateway_exception()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Forbidden());

        var exception = await Assert.ThrowsAsync<GatewayException>(() => Client(gateway).GetCampaignAsync("c1", CancellationToken.None));

        Assert.Equal(403, exception.Status);
        Assert.Equal("Forbidden", exception.Title);
    }

    [Fact]
    public async Task No_connection_becomes_unreachable()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Refuse());

        var exception = await Assert.ThrowsAsync<GatewayUnreachableException>(() => Client(gateway).GetCampaignAsync("c1", CancellationToken.None));

        Assert.Equal("gateway unreachable at http://gateway.test/prefix/: Connection refused (127.0.0.1:5080)", exception.Message);
    }

    [Fact]
    public async Task A_success_that_is_not_the_expected_json_is_an_error_not_a_crash()
    {
        var gateway = new FakeGateway(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>proxy</html>") });

        var exception = await Assert.ThrowsAsync<GatewayException>(() => Client(gateway).GetCampaignAsync("c1", CancellationToken.None));

        Assert.StartsWith("200 Unreadable answer: The answer to GET /v1/campaigns/c1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bodies_are_camel_case_json_without_nulls()
    {
        var gateway = new FakeGateway(_ => FakeGateway.Json(HttpStatusCode.Created, """{"subjectId":"s1","created":true}"""));

        var result = await Client(gateway).EnrolAsync("pk-terveys-customers",
            new EnrolmentBody { Identifiers = [new IdentifierBody("email", "a@b.fi")], Source = "import" }, CancellationToken.None);

        Assert.Equal(new EnrolmentResult("s1", true), result);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/prefix/v1/registers/pk-terveys-customers/members", request.PathAndQuery);
        Assert.Equal("""{"identifiers":[{"kind":"email","value":"a@b.fi"}],"source":"import"}""", request.Body);
    }
}
