using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// Stores a <see cref="Sealed{T}"/> as <c>{"$sealed": base64}</c>, or <c>{"$bundled": true}</c> when it is held in its
/// state's <see cref="SealedBundle"/> (stored beside, as <c>"sealedFields": base64</c>). Anything else in its place is a value stored in clear
/// by an earlier version, read as it was written (a string, an object) and sealed again on the next write.
/// </summary>
public sealed class SealedJsonConverterFactory : JsonConverterFactory
{
    private const string SealedProperty = "$sealed";
    private const string BundledProperty = "$bundled";

    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Sealed<>);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]));

    private sealed class Converter<T> : JsonConverter<Sealed<T>> where T : class
    {
        public override Sealed<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var probe = reader;
                if (probe.Read() && probe.TokenType == JsonTokenType.PropertyName && probe.ValueTextEquals(SealedProperty))
                {
                    reader.Read();
                    reader.Read();
                    var ciphertext = reader.GetBytesFromBase64();
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.EndObject)
                    {
                        throw new JsonException("A sealed field holds nothing but its ciphertext.");
                    }
                    return Sealed<T>.FromCiphertext(ciphertext);
                }
                if (probe.TokenType == JsonTokenType.PropertyName && probe.ValueTextEquals(BundledProperty))
                {
                    reader.Skip();
                    return Sealed<T>.InBundle();
                }
            }
            // Written in clear by an earlier version: the value as it was, sealed on the next write.
            return JsonSerializer.Deserialize<T>(ref reader, options);
        }

        public override void Write(Utf8JsonWriter writer, Sealed<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            if (value.IsBundled && value.IsSealed)
            {
                writer.WriteBoolean(BundledProperty, true);
            }
            else
            {
                writer.WriteBase64String(SealedProperty, value.Ciphertext ?? throw SealedBinary.Unsealed<T>());
            }
            writer.WriteEndObject();
        }
    }
}
