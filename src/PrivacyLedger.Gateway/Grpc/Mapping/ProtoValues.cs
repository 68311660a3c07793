using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Ledger;

namespace PrivacyLedger.Gateway.Grpc.Mapping;

/// <summary>Scalars between proto and the domain: times, optional strings, ids, domain enums' wire names.</summary>
public static class ProtoValues
{
    public static Timestamp ToTimestamp(this DateTimeOffset value) => Timestamp.FromDateTimeOffset(value);

    public static Timestamp? ToTimestamp(this DateTimeOffset? value) => value is { } at ? Timestamp.FromDateTimeOffset(at) : null;

    /// <summary>An unset Timestamp is a JSON property left out (Timestamp's own ToDateTimeOffset cannot take null).</summary>
    public static DateTimeOffset? ToDateTimeOffsetOrNull(this Timestamp? value) => value?.ToDateTimeOffset();

    /// <summary>
    /// The id a request names (what HTTP has in its path): required, one line within <see cref="FieldLimits.Id"/>.
    /// <paramref name="field"/> in JSON spelling, as the domain names fields (<c>subjectId</c>).
    /// </summary>
    public static string Id(string value, string field) =>
        RequestValidation.Required(QueryText.Checked(value, field, FieldLimits.Id), field);

    /// <summary>A proto3 string left empty is a JSON property left out.</summary>
    public static string? OrNull(this string value) => value.Length == 0 ? null : value;

    /// <summary>The wire name of a domain enum as HTTP/JSON writes it (<c>legal-obligation</c>).</summary>
    public static string Wire<T>(T value) where T : struct, System.Enum => JsonSerializer.Serialize(value, LedgerJson.Options).Trim('"');
}
