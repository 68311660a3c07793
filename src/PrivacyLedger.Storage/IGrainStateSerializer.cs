using System.Text.Json;

namespace PrivacyLedger.Storage;

/// <summary>Turns grain state into bytes for storage and back.</summary>
public interface IGrainStateSerializer
{
    byte[] Serialize<T>(T state);

    T Deserialize<T>(ReadOnlySpan<byte> payload);
}

/// <summary>UTF-8 JSON through System.Text.Json; callers may supply options with a source-generated context.</summary>
public sealed class JsonGrainStateSerializer(JsonSerializerOptions? options = null) : IGrainStateSerializer
{
    private readonly JsonSerializerOptions _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);

    public byte[] Serialize<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state, _options);

    public T Deserialize<T>(ReadOnlySpan<byte> payload) =>
        JsonSerializer.Deserialize<T>(payload, _options) ?? throw new JsonException($"Stored state of type {typeof(T).Name} was null.");
}
