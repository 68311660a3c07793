using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Ledger.Hosting;

/// <summary>
/// Refuses <c>Ledger:*</c> settings the ledger cannot run with, at start-up (ValidateOnStart), each problem naming
/// its key: a missing or malformed master key, a register definitions folder that is missing or holds a bad file,
/// intervals that are not positive. Without it the silo started and the first enrolment answered 500.
/// </summary>
internal sealed class LedgerOptionsValidator : IValidateOptions<LedgerOptions>
{
    public ValidateOptionsResult Validate(string? name, LedgerOptions options)
    {
        var failures = new List<string>();
        failures.AddRange(MasterKeyRing.Problems(options));
        if (RegistersProblem(options.RegistersPath) is { } registersProblem)
        {
            failures.Add(registersProblem);
        }
        if (options.RequestWorkInterval <= TimeSpan.Zero)
        {
            failures.Add("Ledger:RequestWorkInterval must be a positive time span (for example 00:01:00).");
        }
        if (options.RetentionSweepInterval <= TimeSpan.Zero)
        {
            failures.Add("Ledger:RetentionSweepInterval must be a positive time span (for example 1.00:00:00).");
        }
        if (options.NotificationMaxAttempts < 1)
        {
            failures.Add("Ledger:NotificationMaxAttempts must be at least 1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>An empty path loads no definitions from files (registers are then defined through the API).</summary>
    private static string? RegistersProblem(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            return null;
        }
        if (!Directory.Exists(folder))
        {
            return $"Ledger:RegistersPath: the register definitions folder '{Path.GetFullPath(folder)}' does not exist.";
        }
        try
        {
            return RegisterDefinitionReader.LoadFolder(folder).Count > 0 ? null
                : $"Ledger:RegistersPath: the folder '{Path.GetFullPath(folder)}' holds no register definitions (*.yaml).";
        }
        catch (LedgerValidationException exception)
        {
            return $"Ledger:RegistersPath: {exception.Message}";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"Ledger:RegistersPath: the folder '{Path.GetFullPath(folder)}' cannot be read ({exception.GetType().Name}).";
        }
    }
}
