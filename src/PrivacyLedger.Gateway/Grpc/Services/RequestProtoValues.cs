using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Grpc.Mapping;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;

namespace PrivacyLedger.Gateway.Grpc.Services;

/// <summary>
/// What the rights-request and campaign services share beyond <see cref="ProtoValues"/>: the caller, domain enums
/// matched to proto enums by the wire name both spell (<c>RIGHTS_REQUEST_STATUS_IN_PROGRESS</c> and
/// <c>RequestStatus.InProgress</c> are <c>in-progress</c>, never by number), and times given by the caller.
/// </summary>
internal static class RequestProtoValues
{
    /// <summary>Who calls: the API key's name and role, as over HTTP.</summary>
    public static Actor Caller(ServerCallContext context) => context.GetHttpContext().User.ToActor();

    /// <summary>The domain's value; null for the <c>_UNSPECIFIED</c> zero, which the operations refuse where it is required.</summary>
    public static TDomain? DomainEnum<TProto, TDomain>(TProto value, string field) where TProto : struct, System.Enum where TDomain : struct, System.Enum =>
        WireEnum.TryParse<TDomain>(ProtoEnums.ToWire(value, field), out var parsed) ? parsed : throw new LedgerValidationException(field, WireEnum.NotOneOf<TDomain>(field));

    public static TProto ProtoEnum<TDomain, TProto>(TDomain value) where TDomain : struct, System.Enum where TProto : struct, System.Enum =>
        ProtoEnums.FromWire<TProto>(ProtoValues.Wire(value));

    public static TProto ProtoEnum<TDomain, TProto>(TDomain? value) where TDomain : struct, System.Enum where TProto : struct, System.Enum =>
        value is { } given ? ProtoEnum<TDomain, TProto>(given) : default;

    /// <summary>A caller's time; seconds or nanos outside a timestamp's range are the caller's mistake, not the server's.</summary>
    public static DateTimeOffset? Time(Timestamp? value, string field) =>
        value is null ? null
        : value.Nanos is < 0 or > 999_999_999 || value.Seconds is < -62_135_596_800 or > 253_402_300_799
            ? throw new LedgerValidationException(field, $"{field} is not a valid timestamp.")
            : value.ToDateTimeOffset();
}
