using System.Reflection;
using Microsoft.Extensions.Options;

namespace PrivacyLedger.Gateway.Extensions;

/// <summary>
/// A gateway whose settings cannot work stops at start-up (the options are validated on start) and says why on
/// standard error, one line per setting at fault, with exit code 1, instead of a stack trace or a half-working service.
/// </summary>
internal static class StartupFailure
{
    public const int ExitCode = 1;

    /// <summary>
    /// The gateway is the process (not hosted in a test's WebApplicationFactory, which needs the exception itself
    /// to report why the host did not start).
    /// </summary>
    public static bool IsOwnProcess => Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    /// <summary>The settings problems the exception reports, or null when it is not about settings.</summary>
    public static IReadOnlyList<string>? SettingsProblems(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException { InnerExceptions: var inner } when inner.Count > 0 && inner.All(e => e is OptionsValidationException) =>
            [.. inner.Cast<OptionsValidationException>().SelectMany(invalid => invalid.Failures)],
        // A check that needs storage (the master key versions stored data keys use) fails inside the silo's start.
        { InnerException: { } inner } => SettingsProblems(inner),
        _ => null,
    };

    public static async Task<int> ReportAsync(IReadOnlyList<string> problems)
    {
        await Console.Error.WriteLineAsync("The gateway cannot start; fix these settings:");
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync("  - " + problem);
        }
        return ExitCode;
    }
}
