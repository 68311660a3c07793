using PrivacyLedger.Cli.Gateway;

namespace PrivacyLedger.Cli.Import;

/// <summary>
/// One person read from an import file: the enrolment body to send, or why the line cannot be sent.
/// <see cref="Problem"/> names fields and never repeats the line's values, which are personal data.
/// </summary>
public sealed record ImportRecord(int Line, EnrolmentBody? Body, string? Problem)
{
    public static ImportRecord Ok(int line, EnrolmentBody body) => new(line, body, null);

    public static ImportRecord Invalid(int line, string problem) => new(line, null, problem);
}
