using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>Stores a <see cref="SealedBundle"/> in JSON as its ciphertext's base64; the state attaches it to its fields once read.</summary>
public sealed class SealedBundleJsonConverter : JsonConverter<SealedBundle>
{
    public override SealedBundle? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SealedBundle.FromCiphertext(reader.GetBytesFromBase64(), 0, hasContact: false);

    public override void Write(Utf8JsonWriter writer, SealedBundle value, JsonSerializerOptions options) => writer.WriteBase64StringValue(value.Ciphertext);
}
