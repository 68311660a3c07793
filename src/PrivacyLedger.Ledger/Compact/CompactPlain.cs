using System.Buffers;
using System.Text.Json;

namespace PrivacyLedger.Ledger.Compact;

/// <summary>
/// The plaintext inside a sealed event's data or a sealed record: the JSON the ledger's serializer writes, transcoded
/// token by token to a binary form (<see cref="PlainTags"/>) and back, losslessly. Known property names and values are one
/// byte (<see cref="PlainVocabulary"/>), strings a length and their unescaped UTF-8, integers a varint, and no quotes,
/// colons or commas. It begins with <see cref="CompactForm.Version1"/>, a byte no JSON begins with, so a plaintext sealed
/// as JSON by an earlier version still opens. Only the plaintext changes: the ciphertext (and the ledger hash over it) is
/// made and checked as before.
/// </summary>
public static class CompactPlain
{
    /// <summary>The bytes encoding JSON of this length can take at most: no token grows to more than twice its JSON.</summary>
    public static int MaxLength(int jsonLength) => 2 * jsonLength + 16;

    /// <summary>True for the binary form, false for JSON (sealed before); a later binary version throws.</summary>
    public static bool IsCompact(ReadOnlySpan<byte> plain) => CompactForm.IsVersion1(plain);

    /// <summary>
    /// Writes <paramref name="json"/> in the binary form. False when it is not one JSON value, or holds text UTF-8
    /// cannot carry (a lone surrogate): such a plaintext is sealed as its JSON.
    /// </summary>
    public static bool TryEncode(ReadOnlySpan<byte> json, Span<byte> destination, out int written) =>
        PlainEncoder.TryEncode(json, destination, out written);

    /// <summary>Writes the JSON a binary plaintext stands for: the very bytes it was made from, if the ledger's serializer made them.</summary>
    /// <exception cref="InvalidDataException">The plaintext is malformed.</exception>
    public static void WriteJson(ReadOnlySpan<byte> compact, Utf8JsonWriter writer) => PlainDecoder.Write(compact, writer);

    /// <summary>The JSON of an opened plaintext, in whichever form it was sealed.</summary>
    public static byte[] JsonOf(byte[] plain)
    {
        if (!IsCompact(plain))
        {
            return plain;
        }
        using var json = Transcode(plain);
        return json.WrittenSpan.ToArray();
    }

    /// <summary>An opened plaintext, in whichever form it was sealed, deserialized as its JSON would be.</summary>
    public static T? Deserialize<T>(byte[] plain, JsonSerializerOptions? options = null)
    {
        if (!IsCompact(plain))
        {
            return JsonSerializer.Deserialize<T>(plain, options);
        }
        using var json = Transcode(plain);
        return JsonSerializer.Deserialize<T>(json.WrittenSpan, options);
    }

    private static PooledPlainBuffer Transcode(ReadOnlySpan<byte> compact)
    {
        var buffer = new PooledPlainBuffer(2 * compact.Length + 32);
        try
        {
            using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LedgerJson.Options.Encoder });
            WriteJson(compact, writer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
        return buffer;
    }

    /// <summary>The plaintext to seal for <paramref name="json"/>, in a pooled buffer cleared when disposed.</summary>
    public static Plaintext FromJson(ReadOnlySpan<byte> json)
    {
        var rented = ArrayPool<byte>.Shared.Rent(MaxLength(json.Length));
        if (TryEncode(json, rented, out var written))
        {
            return new Plaintext(rented, rented.AsSpan(0, written));
        }
        ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        return new Plaintext(null, json);
    }

    /// <summary>A plaintext about to be sealed; disposing clears the pooled copy, as it holds personal data in clear.</summary>
    public readonly ref struct Plaintext(byte[]? rented, ReadOnlySpan<byte> span)
    {
        public ReadOnlySpan<byte> Span { get; } = span;

        public void Dispose()
        {
            if (rented is not null)
            {
                rented.AsSpan(0, Span.Length).Clear();
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
