using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PrivacyLedger.Gateway.Errors;

namespace PrivacyLedger.Gateway.Security;

/// <summary>One configured caller: a name (recorded in the ledger as the actor), its role, and its key's SHA-256.</summary>
public sealed record ApiKeyEntry(string Name, string Role, byte[] KeyHash);

/// <summary>
/// The configured keys (<see cref="AuthOptions"/>, checked at start-up by <see cref="AuthOptionsValidator"/>). Only hashes
/// are kept in memory; a presented key is hashed and compared in fixed time.
/// </summary>
public sealed class ApiKeyRegistry
{
    private readonly IReadOnlyList<ApiKeyEntry> _entries;

    public ApiKeyRegistry(IOptions<AuthOptions> options)
    {
        _entries = options.Value.ApiKeys
            .Select(pair => new ApiKeyEntry(
                pair.Value.Name ?? AuthOptionsValidator.DefaultName(pair.Key, pair.Value),
                pair.Value.Role!,
                pair.Value.KeyHash is { Length: > 0 } hex ? Convert.FromHexString(hex) : SHA256.HashData(Encoding.UTF8.GetBytes(pair.Value.Key!))))
            .ToList();
    }

    public ApiKeyEntry? Find(string presentedKey) => FindByHash(SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey)));

    /// <summary>The entry whose key has this SHA-256: how a console session checks that its key is still configured.</summary>
    public ApiKeyEntry? FindByHash(byte[] hash)
    {
        ApiKeyEntry? match = null;
        foreach (var entry in _entries)
        {
            // Every entry is compared, so the time taken says nothing about which key nearly matched.
            if (CryptographicOperations.FixedTimeEquals(entry.KeyHash, hash))
            {
                match = entry;
            }
        }
        return match;
    }
}

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRegistry keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (keys.Find(values[0]!) is not { } entry)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, entry.Name), new Claim(ClaimTypes.Role, entry.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            $"Send a valid API key in the {HeaderName} header.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden",
            "The caller's role does not hold the right this operation needs.");
}

public static class ActorExtensions
{
    /// <summary>The authenticated caller as the ledger records it.</summary>
    public static Ledger.Actor ToActor(this ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? "unknown", user.FindFirstValue(ClaimTypes.Role) ?? "unknown");
}
