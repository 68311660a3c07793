using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PrivacyLedger.Ledger.Receipts;

/// <summary>
/// Start-up check of <c>Ledger:SigningKeys</c>: without a usable key no receipt could be signed, so the gateway
/// refuses to start, naming the key at fault and how to make one. Only the Testing environment may run without
/// keys (a key generated per process stands in); the development key never signs in Production.
/// </summary>
public sealed partial class ReceiptSigningOptionsValidator(IHostEnvironment environment) : IValidateOptions<ReceiptSigningOptions>
{
    public const string Section = "Ledger:SigningKeys";

    /// <summary>Key ids of keys that must never sign outside development; appsettings.Development.json uses one.</summary>
    public const string DevelopmentKidPrefix = "development-only";

    public ValidateOptionsResult Validate(string? name, ReceiptSigningOptions options)
    {
        var failures = new List<string>();
        if (options.SigningKeys.Count == 0)
        {
            return environment.IsEnvironment(ReceiptKeys.TestingEnvironment)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Section} is empty: receipts of completed rights requests cannot be signed. {SigningKeyMaterial.GenerateHint}, "
                    + $"with a Kid such as receipts-v1, under {Section}:0.");
        }
        if (string.IsNullOrWhiteSpace(options.ReceiptIssuer))
        {
            failures.Add("Ledger:ReceiptIssuer is empty: receipts name who issued them.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            var key = options.SigningKeys[i];
            var field = $"{Section}:{i}";
            if (!KidPattern().IsMatch(key.Kid))
            {
                failures.Add($"{field}:Kid must be 1-64 letters, digits, '.', '_' or '-' (it is published and written in every receipt).");
            }
            else if (!seen.Add(key.Kid))
            {
                failures.Add($"{field}:Kid '{key.Kid}' is used by an earlier key: each key version needs its own kid.");
            }
            if (environment.IsProduction() && key.Kid.StartsWith(DevelopmentKidPrefix, StringComparison.Ordinal))
            {
                failures.Add($"{field}: key '{key.Kid}' is the development key from appsettings.Development.json and is public; it never signs in Production.");
            }
            try
            {
                using var _ = SigningKeyMaterial.Load(key, field);
            }
            catch (FormatException exception)
            {
                failures.Add(exception.Message);
            }
        }
        var active = options.SigningKeys.Where(key => key.Active).ToList();
        if (active.Count > 1)
        {
            failures.Add($"{Section}: keys {string.Join(", ", active.Select(key => $"'{key.Kid}'"))} are all marked Active; one key signs.");
        }
        var signing = active.Count == 1 ? active[0] : options.SigningKeys[^1];
        if (string.IsNullOrEmpty(signing.PrivateKey))
        {
            failures.Add($"{Section}: key '{signing.Kid}' signs new receipts ({(active.Count == 1 ? "marked Active" : "the last key")}) but has no PrivateKey.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KidPattern();
}
