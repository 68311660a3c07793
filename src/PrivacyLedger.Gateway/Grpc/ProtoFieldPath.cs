using System.Text;

namespace PrivacyLedger.Gateway.Grpc;

/// <summary>
/// A field path as the domain and HTTP/JSON name it (<c>subject.identifiers[1].kind</c>, <c>lastActivityAt</c>) in
/// proto field names (<c>last_activity_at</c>): the messages mirror the JSON bodies field for field.
/// </summary>
public static class ProtoFieldPath
{
    public static string From(string jsonPath)
    {
        var path = new StringBuilder(jsonPath.Length + 8);
        var inIndex = false;
        foreach (var c in jsonPath)
        {
            inIndex = c == '[' || (inIndex && c != ']');
            if (!inIndex && char.IsAsciiLetterUpper(c))
            {
                path.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                path.Append(c);
            }
        }
        return path.ToString();
    }

    /// <summary>A path inside an item of a batch, e.g. <c>changes[2].grant_consent</c> + <c>source</c>.</summary>
    public static string Within(string prefix, string field) => string.IsNullOrEmpty(field) ? prefix : $"{prefix}.{field}";
}
