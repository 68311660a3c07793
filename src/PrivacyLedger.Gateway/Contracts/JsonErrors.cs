using System.Text.Json;
using System.Text.RegularExpressions;

namespace PrivacyLedger.Gateway.Contracts;

/// <summary>
/// Turns what the serializer throws on a body into the field at fault and a message saying what the field takes.
/// The serializer's own messages are never passed on: they can quote the offending text, which may be personal data.
/// </summary>
internal static partial class JsonErrors
{
    /// <param name="root">The type the body was read as, to look up what the field at fault takes; null if unknown.</param>
    /// <param name="rootName">The field to name when the fault is the whole document (<c>body</c>, or <c>line</c> in an import).</param>
    public static (string Field, string Message) Describe(JsonException exception, Type? root, JsonSerializerOptions options, string rootName)
    {
        var path = exception.Path is { } at ? at.TrimStart('$').TrimStart('.') : "";
        if (exception is JsonFieldException refused)
        {
            var field = path.Length == 0 ? refused.Field : $"{path}.{refused.Field}";
            return (field, $"{field} {refused.Reason}.");
        }
        var where = path.Length == 0 ? rootName : path;
        // The reader's own failures come wrapped: the text is not JSON at all, or breaks off.
        if (exception.InnerException is JsonException || root is null || TypeAt(root, path, options) is not { } expected)
        {
            return (where, $"Not valid JSON of the expected shape (at {where}).");
        }
        return (where, $"{where} must be {WireTypes.Describe(expected)}.");
    }

    /// <summary>The type a JSON path such as <c>subject.identifiers[0].kind</c> leads to, or null if it leads nowhere known.</summary>
    private static Type? TypeAt(Type root, string path, JsonSerializerOptions options)
    {
        Type? type = root;
        foreach (Match segment in Segment().Matches(path))
        {
            var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
            type = segment.Groups["index"].Success
                ? info.ElementType
                : info.Properties.FirstOrDefault(p => string.Equals(p.Name, segment.Groups["name"].Value, StringComparison.OrdinalIgnoreCase))?.PropertyType;
            if (type is null)
            {
                return null;
            }
        }
        return type;
    }

    [GeneratedRegex(@"\[(?<index>\d+)\]|\['(?<name>[^']*)'\]|(?<name>[^.\[\]]+)")]
    private static partial Regex Segment();
}
