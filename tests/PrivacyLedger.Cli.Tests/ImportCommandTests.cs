using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrivacyLedger.Cli.Tests;

public sealed class ImportCommandTests
{
    private const string Register = "pk-terveys-customers";

    /// <summary>A gateway answering an import as the real one counts: every line sent created, or failed where <paramref name="fails"/> says.</summary>
    private static FakeGateway Importing(Func<JsonObject, string?>? fails = null) => new(request =>
    {
        var lines = request.Body!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        var errors = lines.Select((line, i) => (Line: i + 1, Field: fails?.Invoke(line))).Where(e => e.Field is not null)
            .Select(e => new { line = e.Line, field = e.Field, detail = "refused" }).ToList();
        return FakeGateway.Json(HttpStatusCode.OK, JsonSerializer.Serialize(new
        {
            rows = lines.Count, created = lines.Count - errors.Count, existing = 0, failed = errors.Count, errors, errorsTruncated = false,
        }));
    });

    [Fact]
    public async Task Streams_the_readable_rows_as_json_lines_to_the_bulk_import_and_reports_failures_by_file_line()
    {
        using var csv = new TempFile(".csv",
            "email,givenName,categories\n"
            + "new@example.fi,Maija,contact\n"
            + ",NoIdentifier,\n"
            + "bad@example.fi,\"Kalle, Jr\",nosuch\n"
            + "known@example.fi,Matti,\n");
        var gateway = Importing(line => line["categories"]?[0]?["id"]?.GetValue<string>() == "nosuch" ? "categories[0].id" : null);

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register);

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal($"/v1/imports?registerId={Register}", request.PathAndQuery);
        Assert.Equal("test-key", request.ApiKey);
        Assert.Equal(3, request.Body!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        // Sent line 2 is file line 4: the header and the unreadable row are not sent.
        Assert.Equal(["line 3: no identifier (email, phone, hetu or customerNumber)", "line 4: categories[0].id: refused"], run.ErrorLines);
        Assert.Contains("created 2, already known 0, failed 2 of 4", run.Output, StringComparison.Ordinal);
        // Failure reports name lines and fields, never the people.
        Assert.DoesNotContain("example.fi", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Kalle", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_the_mapped_body()
    {
        using var csv = new TempFile(".csv", "email,hetu,lastActivityAt\nmaija@example.fi,131052-308T,2024-05-31\n");
        var gateway = Importing();

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register, "--source", "crm-export");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """{"identifiers":[{"kind":"email","value":"maija@example.fi"},{"kind":"hetu","value":"131052-308T"}],"contact":{"email":"maija@example.fi"},"source":"crm-export","lastActivityAt":"2024-05-31T00:00:00+00:00"}""" + "\n",
            Assert.Single(gateway.Requests).Body);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_header_is_not_part_of_the_first_column()
    {
        using var csv = new TempFile(".csv", "\uFEFFemail,givenName\nmaija@example.fi,Maija\n");
        var gateway = Importing();

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("created 1, already known 0, failed 0 of 1", run.Output, StringComparison.Ordinal);
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
        var gateway = Importing();

        var byExtension = await CliRunner.RunAsync(gateway, "import", jsonl.Path, "--register", Register);
        var byOption = await CliRunner.RunAsync(gateway, "import", txt.Path, "--register", Register, "--format", "jsonl");

        foreach (var run in new[] { byExtension, byOption })
        {
            Assert.Equal(ExitCodes.Error, run.ExitCode);
            Assert.Equal("line 2: not a valid enrolment JSON object at nonsense", Assert.Single(run.ErrorLines));
            Assert.Contains("created 2, already known 0, failed 1 of 3", run.Output, StringComparison.Ordinal);
        }
        Assert.Equal(2, gateway.Requests.Count);
    }

    [Fact]
    public async Task Sends_the_whole_file_again_when_the_gateway_was_busy()
    {
        var attempts = 0;
        using var csv = new TempFile(".csv", "email\na@example.fi\nb@example.fi\n");
        var importing = Importing();
        var gateway = new FakeGateway(request => Interlocked.Increment(ref attempts) < 3
            ? Task.FromResult(FakeGateway.Problem(HttpStatusCode.ServiceUnavailable, """{"title":"Temporarily unavailable","status":503}"""))
            : importing.Respond(request));

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, gateway.Requests.Count);
        Assert.All(gateway.Requests, r => Assert.Equal(2, r.Body!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
        Assert.Contains("created 2, already known 0, failed 0 of 2", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forbidden_key_stops_the_import_with_one_error()
    {
        using var csv = new TempFile(".csv", "email\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"p{i}@example.fi\n")));
        var gateway = new FakeGateway(_ => FakeGateway.Forbidden());

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register);

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Equal("error: 403 Forbidden: The caller's role does not hold the right this operation needs.", Assert.Single(run.ErrorLines));
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task An_unreachable_gateway_stops_the_import_with_exit_code_2()
    {
        using var csv = new TempFile(".csv", "email\na@example.fi\nb@example.fi\n");
        var gateway = new FakeGateway(_ => FakeGateway.Refuse());

        var run = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register);

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Equal("error: gateway unreachable at http://127.0.0.1:5080/: Connection refused (127.0.0.1:5080)", Assert.Single(run.ErrorLines));
        Assert.Contains("running the same import again is safe", run.Output, StringComparison.Ordinal);
        // The file is sent a few times before the run gives up.
        Assert.Equal(5, gateway.Requests.Count);
    }

    [Fact]
    public async Task A_bad_header_or_missing_file_fails_before_anything_is_sent()
    {
        using var csv = new TempFile(".csv", "e-mail,givenName\nmaija@example.fi,Maija\n");
        var gateway = Importing();

        var badHeader = await CliRunner.RunAsync(gateway, "import", csv.Path, "--register", Register);
        var missing = await CliRunner.RunAsync(gateway, "import", csv.Path + ".nope", "--register", Register);

        Assert.Equal(ExitCodes.Error, badHeader.ExitCode);
        Assert.Matches(@"^error: pl-cli-\w+\.csv: line 1: unknown column 'e-mail'; the columns are email, ", Assert.Single(badHeader.ErrorLines));
        Assert.Equal(ExitCodes.Error, missing.ExitCode);
        Assert.EndsWith(".nope: no such file.", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }
}
