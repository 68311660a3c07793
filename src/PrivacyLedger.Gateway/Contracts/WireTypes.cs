using PrivacyLedger.Ledger;

namespace PrivacyLedger.Gateway.Contracts;

/// <summary>What a value of a .NET type looks like on the wire, to tell a caller what a field or parameter takes.</summary>
internal static class WireTypes
{
    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return $"one of: {string.Join(", ", LedgerJson.EnumNames(type))}";
        }
        return Type.GetTypeCode(type) switch
        {
            TypeCode.String => "a string",
            TypeCode.Boolean => "true or false",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64
                => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.DateTime => "a date and time in ISO 8601 form, e.g. 2026-01-31T09:00:00Z",
            _ when type == typeof(DateTimeOffset) => "a date and time in ISO 8601 form, e.g. 2026-01-31T09:00:00Z",
            _ when type == typeof(DateOnly) => "a date in ISO 8601 form, e.g. 2026-01-31",
            _ when type == typeof(Guid) => "a UUID",
            _ when type.IsAssignableTo(typeof(System.Collections.IEnumerable)) => "a list",
            _ => "an object",
        };
    }

    /// <summary>A whole number within a range the endpoint sets, e.g. <c>limit must be a whole number between 1 and 500</c>.</summary>
    public static string WholeNumberBetween(string field, long min, long max) => $"{field} must be a whole number between {min} and {max}.";
}
