using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using PrivacyLedger.Ledger.Subjects;
using V1 = PrivacyLedger.Grpc.V1;

namespace PrivacyLedger.Gateway.Grpc.Mapping;

/// <summary>Ledger pages to LedgerService messages; an event's JSON data as a google.protobuf.Value.</summary>
internal static class LedgerMapping
{
    public static V1.LedgerEvent ToProto(this LedgerEntryView entry)
    {
        var proto = new V1.LedgerEvent
        {
            Seq = entry.Seq,
            At = entry.At.ToTimestamp(),
            Type = entry.Type,
            Actor = entry.Actor,
            Data = entry.Data is { } data ? JsonParser.Default.Parse<Value>(data.GetRawText()) : null,
            PrevHash = entry.PrevHash,
            Hash = entry.Hash,
            Shredded = entry.Shredded,
        };
        if (entry.RegisterId is { } registerId) proto.RegisterId = registerId;
        if (entry.RequestId is { } requestId) proto.RequestId = requestId;
        if (entry.SealedData is { } sealedData) proto.SealedData = sealedData;
        return proto;
    }
}
