using PrivacyLedger.Cli.Gateway;

namespace PrivacyLedger.Cli.Tests;

public sealed class GatewayExceptionTests
{
    [Fact]
    public void A_problem_document_becomes_status_title_and_detail_on_one_line()
    {
        var exception = GatewayException.FromProblemJson(403,
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.4","title":"Forbidden","status":403,"detail":"The caller's role does not hold the right this operation needs."}""");

        Assert.Equal("403 Forbidden: The caller's role does not hold the right this operation needs.", exception.Message);
    }

    [Fact]
    public void Field_errors_are_named_without_repeating_the_detail()
    {
        var exception = GatewayException.FromProblemJson(400,
            """{"title":"Invalid input","status":400,"detail":"limit must be between 1 and 1000.","errors":{"limit":["limit must be between 1 and 1000."]}}""");

        Assert.Equal("400 Invalid input: limit must be between 1 and 1000. [limit]", exception.Message);
    }

    [Fact]
    public void Field_messages_that_add_something_are_kept()
    {
        var exception = GatewayException.FromProblemJson(400,
            """{"title":"Invalid request","status":400,"detail":"The request body is not valid JSON of the expected shape.","errors":{"selector.inactiveSince":["The value could not be read as the expected type."],"kind":["kind is required."]}}""");

        Assert.Equal(
            "400 Invalid request: The request body is not valid JSON of the expected shape. [selector.inactiveSince: The value could not be read as the expected type.; kind: kind is required.]",
            exception.Message);
        Assert.Equal("400 Invalid request [selector.inactiveSince, kind]", exception.Summary);
    }

    [Fact]
    public void Control_characters_and_line_breaks_from_the_server_do_not_reach_the_terminal()
    {
        var exception = GatewayException.FromProblemJson(409, "{\"title\":\"Conflict\",\"detail\":\"two\\nlines \\u001b[31mred\"}");

        Assert.Equal("409 Conflict: two lines [31mred", exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void Without_a_problem_document_the_status_is_still_told()
    {
        Assert.Equal("404 Not Found", new GatewayException(404, null, null).Message);
        Assert.Equal("502 Bad Gateway", GatewayException.FromProblemJson(502, "[1,2]").Message);
    }

    [Theory]
    [InlineData(503, null, true)]
    [InlineData(429, null, true)]
    [InlineData(409, "Concurrent change", true)]
    [InlineData(409, "Conflict", false)]
    [InlineData(400, "Invalid input", false)]
    public void Knows_which_answers_are_worth_retrying(int status, string? title, bool transient)
    {
        Assert.Equal(transient, new GatewayException(status, title, null).IsTransient);
    }
}
