using System.Collections.Frozen;

namespace PrivacyLedger.Storage;

/// <summary>
/// Grain state in the compact form of its type's registered <see cref="IGrainStateCodec"/>, any other type (and any
/// state a codec cannot hold) as JSON. Reads tell the forms apart by the first byte, so every row stored as JSON
/// before a codec was registered still loads; its next write stores it compact.
/// </summary>
public sealed class CodecGrainStateSerializer(IEnumerable<IGrainStateCodec> codecs, JsonGrainStateSerializer? json = null) : IGrainStateSerializer
{
    private readonly FrozenDictionary<Type, IGrainStateCodec> _codecs = codecs.ToFrozenDictionary(codec => codec.StateType);
    private readonly JsonGrainStateSerializer _json = json ?? new JsonGrainStateSerializer();

    public byte[] Serialize<T>(T state) =>
        _codecs.TryGetValue(typeof(T), out var codec) && state is not null && ((GrainStateCodec<T>)(object)codec).TryEncode(state) is { } compact
            ? compact
            : _json.Serialize(state);

    public T Deserialize<T>(ReadOnlySpan<byte> payload) =>
        !payload.IsEmpty && _codecs.TryGetValue(typeof(T), out var codec) && codec.Reads(payload[0])
            ? ((GrainStateCodec<T>)(object)codec).Decode(payload)
            : _json.Deserialize<T>(payload);
}
