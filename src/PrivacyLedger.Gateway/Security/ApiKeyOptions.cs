using System.Globalization;
using Microsoft.Extensions.Options;

namespace PrivacyLedger.Gateway.Security;

/// <summary>One configured caller, <c>Auth:ApiKeys:{i}</c>: its key (or the key's SHA-256 in hex), its role and its name.</summary>
public sealed class ApiKeySettings
{
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Key { get; set; }
    public string? KeyHash { get; set; }
}

/// <summary>The <c>Auth</c> section: the callers, by their configuration index.</summary>
public sealed class AuthOptions
{
    public Dictionary<string, ApiKeySettings> ApiKeys { get; set; } = [];
}

/// <summary>
/// Refuses key settings the gateway cannot authenticate with, at start-up, each problem naming its key: no key at all
/// (every /v1 route would answer 401), an unknown role, neither Key nor KeyHash, a KeyHash that is not 64 hex digits.
/// Problems never echo a key or a hash.
/// </summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (options.ApiKeys.Count == 0)
        {
            return ValidateOptionsResult.Fail(
                "Auth:ApiKeys holds no API key: set at least one, e.g. Auth__ApiKeys__0__Role=admin with Auth__ApiKeys__0__Key=<a long random secret> "
                + "(or Auth__ApiKeys__0__KeyHash=<its SHA-256 in hex>); generate one with `openssl rand -base64 32`.");
        }
        var failures = new List<string>();
        foreach (var (index, key) in options.ApiKeys)
        {
            var prefix = $"Auth:ApiKeys:{index}";
            if (string.IsNullOrWhiteSpace(key.Role))
            {
                failures.Add($"{prefix}:Role is missing; it is one of {string.Join(", ", Roles.All.Order(StringComparer.Ordinal))}.");
            }
            else if (!Roles.All.Contains(key.Role))
            {
                failures.Add($"{prefix}:Role is not a known role; it is one of {string.Join(", ", Roles.All.Order(StringComparer.Ordinal))}.");
            }
            if (!string.IsNullOrEmpty(key.KeyHash))
            {
                if (key.KeyHash.Length != 64 || !key.KeyHash.All(char.IsAsciiHexDigit))
                {
                    failures.Add($"{prefix}:KeyHash must be a SHA-256 in hex (64 hex digits), e.g. from `printf %s \"$KEY\" | sha256sum`.");
                }
            }
            else if (string.IsNullOrEmpty(key.Key))
            {
                failures.Add($"{prefix} needs Key or KeyHash.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The name the ledger records for a caller without one: its role and index.</summary>
    public static string DefaultName(string index, ApiKeySettings key) => string.Create(CultureInfo.InvariantCulture, $"{key.Role}-{index}");
}
