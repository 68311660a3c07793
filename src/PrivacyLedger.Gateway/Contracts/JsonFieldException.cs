using System.Text.Json;

namespace PrivacyLedger.Gateway.Contracts;

/// <summary>
/// A field of a JSON body refused while the body is read. The serializer adds the path of the object that holds the
/// field (<see cref="JsonException.Path"/>); <see cref="Field"/> is the field within it (<c>value</c>, <c>identifiers[0]</c>).
/// <see cref="Reason"/> ends a sentence that begins with the field's path, and never quotes the value.
/// </summary>
public sealed class JsonFieldException(string field, string reason) : JsonException($"{field} {reason}.")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
