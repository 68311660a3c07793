using System.Security.Cryptography;

namespace PrivacyLedger.Gateway.OfficerConsole;

/// <summary>
/// Headers on every console answer: nothing cached (pages show personal data), no framing, no referrer, and a
/// Content-Security-Policy that allows our stylesheet and only scripts carrying this response's nonce
/// (<see cref="Nonce"/>, for the few small inline scripts a page needs).
/// </summary>
public static class ConsoleHeaders
{
    private const string NonceItem = "console-csp-nonce";

    public static string Nonce(HttpContext context) => (string)context.Items[NonceItem]!;

    public static Task WriteAsync(HttpContext context, Func<Task> next)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceItem] = nonce;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'nonce-{nonce}'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return next();
    }
}
