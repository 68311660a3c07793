using System.Net;
using System.Text;
using System.Text.Json;

namespace PrivacyLedger.Cli.Gateway;

/// <summary>
/// The gateway answered, but not with success. Carries the parts of its RFC 7807 problem document, so the
/// error can be told in one line (<see cref="Exception.Message"/>) or, for a line of an import, by title
/// and field names only (<see cref="Summary"/>).
/// </summary>
public sealed class GatewayException : Exception
{
    public GatewayException(int status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? fieldErrors = null)
        : base(FormatOneLine(status, title, detail, fieldErrors))
    {
        Status = status;
        Title = title;
        Detail = detail;
        FieldErrors = fieldErrors ?? new Dictionary<string, string[]>();
    }

    public int Status { get; }

    public string? Title { get; }

    public string? Detail { get; }

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; }

    /// <summary>Answers that say "try again shortly" rather than "this is wrong".</summary>
    public bool IsTransient => Status is 429 or 502 or 503 or 504
        // The gateway's answer to two nodes changing one record at once; it asks the caller to retry.
        || (Status == 409 && string.Equals(Title, "Concurrent change", StringComparison.Ordinal));

    /// <summary>Status, title and the names of the fields at fault: no detail text, which could in principle quote input.</summary>
    public string Summary
    {
        get
        {
            var text = $"{Status} {Clean(Title) ?? ReasonPhrase(Status)}";
            var fields = FieldErrors.Keys.Where(key => key.Length > 0).Select(Clean).ToList();
            return fields.Count == 0 ? text : $"{text} [{string.Join(", ", fields)}]";
        }
    }

    /// <summary>Reads a non-success answer; a body that is not a problem document still gives the status.</summary>
    public static async Task<GatewayException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not ("application/problem+json" or "application/json"))
        {
            return new GatewayException(status, null, null);
        }
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return FromProblemJson(status, body);
        }
        catch (JsonException)
        {
            return new GatewayException(status, null, null);
        }
    }

    /// <summary>Reads a problem document leniently: fields of an unexpected shape are skipped, not fatal.</summary>
    public static GatewayException FromProblemJson(int status, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new GatewayException(status, null, null);
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (root.TryGetProperty("errors", out var errorsElement) && errorsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errorsElement.EnumerateObject())
            {
                errors[field.Name] = field.Value.ValueKind switch
                {
                    JsonValueKind.Array => field.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray(),
                    JsonValueKind.String => [field.Value.GetString()!],
                    _ => [],
                };
            }
        }
        return new GatewayException(status, StringProperty(root, "title"), StringProperty(root, "detail"), errors);
    }

    /// <summary><c>403 Forbidden: detail [field: message]</c>; a field message equal to the detail is not repeated.</summary>
    public static string FormatOneLine(int status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? fieldErrors)
    {
        var text = new StringBuilder().Append(status).Append(' ').Append(Clean(title) ?? ReasonPhrase(status));
        var cleanDetail = Clean(detail);
        if (cleanDetail is not null)
        {
            text.Append(": ").Append(cleanDetail);
        }
        var fields = new List<string>();
        foreach (var (field, messages) in fieldErrors ?? new Dictionary<string, string[]>())
        {
            var extra = messages.Select(Clean).Where(m => m is not null && m != cleanDetail).ToList();
            var name = Clean(field);
            var part = extra.Count == 0 ? name : name is null ? string.Join(" ", extra) : $"{name}: {string.Join(" ", extra)}";
            if (part is not null)
            {
                fields.Add(part);
            }
        }
        if (fields.Count > 0)
        {
            text.Append(" [").Append(string.Join("; ", fields)).Append(']');
        }
        return text.ToString();
    }

    /// <summary>
    /// One line of printable text, or null when nothing is left. Server text goes to a terminal, so control
    /// characters (escape sequences, line breaks) are replaced rather than passed on.
    /// </summary>
    internal static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        var cleaned = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length == 0 ? null : cleaned;
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string ReasonPhrase(int status) => status switch
    {
        // HttpStatusCode's names are PascalCase identifiers; the common ones read better spelled out.
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => Enum.IsDefined((HttpStatusCode)status) ? ((HttpStatusCode)status).ToString() : "HTTP error",
    };
}

/// <summary>The gateway could not be reached at all, or did not answer in time.</summary>
public sealed class GatewayUnreachableException(Uri gateway, string reason, Exception? inner = null)
    : Exception($"gateway unreachable at {gateway}: {reason}", inner)
{
    public Uri Gateway { get; } = gateway;
}
