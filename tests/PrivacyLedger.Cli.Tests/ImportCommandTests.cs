using System.Net;
using System.Text.Json;

namespace PrivacyLedger.Cli.Tests;

public sealed class ImportCommandTests
{
    private const string Register = "pk-terveys-customers";

    /// <summary>Answers each enrolment by the email it carries, as a gateway would by the person.</summary>
    private static FakeGateway ByEmail(Func<string, HttpResponseMessage> answer) => new(request =>
    {
        using var body = JsonDocument.Parse(request.Body!);
        return answer(body.RootElement.GetProperty("identifiers")[0].GetProperty("value").GetString()!);
    });

    private static HttpResponseMessage Created(bool created) =>
        FakeGateway.Json(created ? HttpStatusCode.Created : HttpStatusCode.OK, $$"""{"subjectId":"s","created":{{(created ? "true" : "false")}}}""");

    [Fact]
    public async Task Enrols_every_row_and_counts_created_known_and_failed()
    {
        using var csv = new TempFile(".csv",
            "email,givenName,categories\n"
            + "new@example.fi,Maija,contact\n"
            + "known@example.fi,Matti,\n"
            + "bad@example.fi,\"Kalle, Jr\",nosuch\n"
            + ",NoIdentifier,\n");
        var gateway = ByEmail(email => email switch
        {
            "new@example.fi" => Created(true),
            "known@example.fi" => Created(false),
            _ => FakeGateway.Problem(HttpStatusCode.BadRequest,
                """{"title":"Invalid input","status":400,"detail":"Register 'pk-terveys-customers' has no category 'nosuch'.","errors":{"categories[0].id":["Register 'pk-terveys-customers' has no category 'nosuch'."]}}"""),
        });

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register, "--concurrency", "2");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Equal(3, gateway.Requests.Count);
        Assert.All(gateway.Requests, r => Assert.Equal($"/v1/registers/{Register}/members", r.PathAndQuery));
        Assert.All(gateway.Requests, r => Assert.Equal("test-key", r.ApiKey));
        Assert.Equal(["line 4: 400 Invalid input [categories[0].id]", "line 5: no identifier (email, phone, hetu or customerNumber)"], run.ErrorLines);
        Assert.Contains("created 1, already known 1, failed 2 of 4", run.Output, StringComparison.Ordinal);
        // Failure reports name lines and fields, never the people.
        Assert.DoesNotContain("example.fi", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Kalle", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_the_mapped_body()
    {
        using var csv = new TempFile(".csv", "email,hetu,lastActivityAt\nmaija@example.fi,131052-308T,2024-05-31\n");
        var gateway = ByEmail(_ => Created(true));

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register, "--source", "crm-export");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """{"identifiers":[{"kind":"email","value":"maija@example.fi"},{"kind":"hetu","value":"131052-308T"}],"contact":{"email":"maija@example.fi"},"source":"crm-export","lastActivityAt":"2024-05-31T00:00:00+00:00"}""",
            Assert.Single(gateway.Requests).Body);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_header_is_not_part_of_the_first_column()
    {
        using var csv = new TempFile(".csv", "\uFEFFemail,givenName\nmaija@example.fi,Maija\n");
        var gateway = ByEmail(_ => Created(true));

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register);

        Assert.Equal(0, run.ExitCode);
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task Imports_json_lines_chosen_by_extension_or_option()
    {
        const string Lines = """
            {"identifiers":[{"kind":"email","value":"a@example.fi"}],"source":"web"}
            {"identifiers":[{"kind":"email","value":"b@example.fi"}],"nonsense":1}
            {"identifiers":[{"kind":"email","value":"c@example.fi"}]}
            """;
        using var jsonl = new TempFile(".jsonl", Lines);
        using var txt = new TempFile(".txt", Lines);
        var gateway = ByEmail(_ => Created(true));

        var byExtension = await CliRunner.RunAsync(gateway, "import", jsonl.Path, "--register", Register);
        var byOption = await CliRunner.RunAsync(gateway, "import", txt.Path, "--register", Register, "--format", "jsonl");

        foreach (var run in new[] { byExtension, byOption })
        {
            Assert.Equal(ExitCodes.Error, run.ExitCode);
            Assert.Equal("line 2: not a valid enrolment JSON object at nonsense", Assert.Single(run.ErrorLines));
            Assert.Contains("created 2, already known 0, failed 1 of 3", run.Output, StringComparison.Ordinal);
        }
        Assert.Equal(4, gateway.Requests.Count);
    }

    [Fact]
    public async Task Retries_a_busy_gateway_before_giving_up_on_a_line()
    {
        var attempts = 0;
        using var csv = new TempFile(".csv", "email\na@example.fi\n");
        var gateway = ByEmail(_ => Interlocked.Increment(ref attempts) < 3
            ? FakeGateway.Problem(HttpStatusCode.ServiceUnavailable, """{"title":"Temporarily unavailable","status":503}""")
            : Created(true));

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, gateway.Requests.Count);
        Assert.Contains("created 1, already known 0, failed 0 of 1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forbidden_key_stops_the_import_with_one_error()
    {
        using var csv = new TempFile(".csv", "email\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"p{i}@example.fi\n")));
        var gateway = new FakeGateway(_ => FakeGateway.Forbidden());

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register, "--concurrency", "1");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Equal("error: 403 Forbidden: The caller's role does not hold the right this operation needs.", Assert.Single(run.ErrorLines));
        Assert.Single(gateway.Requests);
        Assert.Contains("running the same import again is safe", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_gateway_stops_the_import_with_exit_code_2()
    {
        using var csv = new TempFile(".csv", "email\na@example.fi\nb@example.fi\n");
        var gateway = new FakeGateway(_ => FakeGateway.Refuse());

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register, "--concurrency", "1");

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Equal("error: gateway unreachable at http://127.0.0.1:5080/: Connection refused (127.0.0.1:5080)", Assert.Single(run.ErrorLines));
        // Each line is tried a few times before the run gives up, and no line after it is sent.
        Assert.Equal(5, gateway.Requests.Count);
    }

    [Fact]
    public async Task A_bad_header_or_missing_file_fails_before_anything_is_sent()
    {
        using var csv = new TempFile(".csv", "e-mail,givenName\nmaija@example.fi,Maija\n");
        var gateway = ByEmail(_ => Created(true));

        var badHeader = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register);
        var missing = await CliRunner.RunAsync(gateway, "import", csv.Path + ".nope", "--register", Register);

        Assert.Equal(ExitCodes.Error, badHeader.ExitCode);
        Assert.Matches(@"^error: pl-cli-\w+\.csv: line 1: unknown column 'e-mail'; the columns are email, ", Assert.Single(badHeader.ErrorLines));
        Assert.Equal(ExitCodes.Error, missing.ExitCode);
        Assert.EndsWith(".nope: no such file.", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }

    [Fact]
    public async Task Runs_enrolments_in_parallel_up_to_the_concurrency()
    {
        var inFlight = 0;
        var most = 0;
        using var csv = new TempFile(".csv", "email\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"p{i}@example.fi\n")));
        var gateway = new FakeGateway(async _ =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(5);
            Interlocked.Decrement(ref inFlight);
            return Created(true);
        });

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register, "--concurrency", "4");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("created 40, already known 0, failed 0 of 40", run.Output, StringComparison.Ordinal);
        Assert.InRange(most, 2, 4);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
