using System.Collections.Concurrent;
using System.Reflection;
using Google.Protobuf.Reflection;
using PrivacyLedger.Ledger;

namespace PrivacyLedger.Gateway.Grpc;

/// <summary>
/// Proto enum values and the API's wire names: <c>CHANNEL_IN_PERSON</c> is <c>in-person</c>,
/// <c>IDENTIFIER_KIND_CUSTOMER_NUMBER</c> is <c>customer-number</c> (the value's proto name without the enum's
/// prefix, in kebab-case). The domain keeps checking the wire names; the proto enums only carry them.
/// </summary>
public static class ProtoEnums
{
    private static readonly ConcurrentDictionary<Type, Names> ByType = new();

    /// <summary>The wire name; null for the <c>_UNSPECIFIED</c> zero (not given).</summary>
    /// <exception cref="LedgerValidationException">A number the enum does not define (a newer client's value).</exception>
    public static string? ToWire<T>(T value, string field) where T : struct, Enum
    {
        var names = NamesOf(typeof(T));
        var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        if (number == 0)
        {
            return null;
        }
        return names.Wire.TryGetValue(number, out var wire)
            ? wire
            : throw new LedgerValidationException(field, $"{field} must be one of: {string.Join(", ", names.Proto.Keys)}.");
    }

    /// <summary>The wire name, required: the zero value is refused as not given.</summary>
    public static string Required<T>(T value, string field) where T : struct, Enum =>
        ToWire(value, field) ?? throw new LedgerValidationException(field, $"{field} is required.");

    /// <summary>Each value's wire name, the field of the one at fault named by its index.</summary>
    public static List<string> ToWire<T>(IEnumerable<T> values, string field) where T : struct, Enum =>
        [.. values.Select((value, i) => Required(value, $"{field}[{i}]"))];

    /// <summary>The proto value of a wire name the domain produced; the zero value for a name the contract lacks.</summary>
    public static T FromWire<T>(string? wire) where T : struct, Enum =>
        wire is not null && NamesOf(typeof(T)).Proto.TryGetValue(wire, out var number) ? (T)Enum.ToObject(typeof(T), number) : default;

    private static Names NamesOf(Type type) => ByType.GetOrAdd(type, static type =>
    {
        var wire = new Dictionary<int, string>();
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var number = (int)field.GetRawConstantValue()!;
            var original = field.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? field.Name;
            if (number != 0)
            {
                wire[number] = WireName(original, type.Name);
            }
        }
        return new Names(wire, wire.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal));
    });

    /// <summary><c>OBJECTION_SCOPE_DIRECT_MARKETING</c> of <c>ObjectionScope</c> → <c>direct-marketing</c>.</summary>
    private static string WireName(string original, string enumName)
    {
        var prefix = string.Concat(enumName.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant() + "_";
        var name = original.StartsWith(prefix, StringComparison.Ordinal) ? original[prefix.Length..] : original;
        return name.ToLowerInvariant().Replace('_', '-');
    }

    private sealed record Names(IReadOnlyDictionary<int, string> Wire, IReadOnlyDictionary<string, int> Proto);
}
