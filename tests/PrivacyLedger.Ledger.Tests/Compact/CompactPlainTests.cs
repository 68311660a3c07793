using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using PrivacyLedger.Ledger.Compact;

namespace PrivacyLedger.Ledger.Tests.Compact;

public sealed class CompactPlainTests
{
    [Fact]
    public void What_the_ledger_seals_reads_back_byte_for_byte()
    {
        foreach (var value in new[] { PlainSamples.ImportData(7), PlainSamples.ImportData(9, withIdentityCode: true, twoRegisters: true), PlainSamples.Contact(3), PlainSamples.Details })
        {
            var json = PlainSamples.Json(value);
            var compact = Encode(json);

            Assert.Equal(CompactForm.Version1, compact[0]);
            Assert.True(compact.Length < json.Length, $"{compact.Length} B compact, {json.Length} B JSON");
            Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(CompactPlain.JsonOf(compact)));
        }
    }

    [Fact]
    public void Generated_json_reads_back_byte_for_byte()
    {
        Node(4).Sample(node =>
        {
            var json = Encoding.UTF8.GetBytes(node?.ToJsonString(LedgerJson.Options) ?? "null");
            var compact = Encode(json);
            Assert.Equal(CompactForm.Version1, compact[0]);
            Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(CompactPlain.JsonOf(compact)));
        }, iter: 3_000);
    }

    [Theory]
    [InlineData("""{"unknownName":"x","ÄÖ name":"ääkköset ja 😀","":""}""")]
    [InlineData("""{"esc\"aped\\":"tab\there, quote \" backslash \\ slash \/ \u0041\u00e4 \ud83d\ude00 nul \u0000"}""")]
    [InlineData("""[0, 15, 16, -1, -0, 1.0, 1e5, 1E+2, -2.5e-3, 0.1, 255, 65536, 9223372036854775807, -9223372036854775808, 9223372036854775808, 123456789012345678901234567890]""")]
    [InlineData("""[[[]], [{}], [[1, [2, [3, []]]]], {"a": [{"b": [null, true, false]}]}]""")]
    [InlineData("  \r\n\t{ \"kind\" : \"email\" , \"value\" : \"customer-number\" }  ")]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Any_json_reads_back_as_the_same_values_and_number_spellings(string text)
    {
        var json = Encoding.UTF8.GetBytes(text);
        var decoded = CompactPlain.JsonOf(Encode(json));

        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(json).RootElement, JsonDocument.Parse(decoded).RootElement), Encoding.UTF8.GetString(decoded));
        Assert.Equal(Numbers(json), Numbers(decoded));
    }

    [Fact]
    public void A_long_string_and_a_long_escaped_string_keep_every_byte()
    {
        var value = new { address = new string('a', 300), reason = string.Concat(Enumerable.Repeat("ä\"", 200)), e = new string('x', 191), f = new string('y', 192) };
        var json = PlainSamples.Json(value);
        Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(CompactPlain.JsonOf(Encode(json))));
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("{\"a\":\"x\\udc00y\"}")]
    [InlineData("{\"a\":")]
    [InlineData("{} {}")]
    [InlineData("")]
    public void What_binary_cannot_hold_exactly_is_sealed_as_its_json(string text)
    {
        var json = Encoding.UTF8.GetBytes(text);
        Assert.False(CompactPlain.TryEncode(json, new byte[CompactPlain.MaxLength(json.Length)], out _));
        using var plain = CompactPlain.FromJson(json);
        Assert.Equal(json, plain.Span.ToArray());
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_sealed_as_its_json()
    {
        byte[] json = [(byte)'"', 0xC3, (byte)'"'];
        using var plain = CompactPlain.FromJson(json);
        Assert.Equal(json, plain.Span.ToArray());
    }

    [Fact]
    public void The_first_byte_is_none_that_json_can_start_with()
    {
        Assert.DoesNotContain((char)CompactForm.Version1, "{[\"0123456789-tfn \t\r\n");
        Assert.False(CompactPlain.IsCompact(PlainSamples.Json(PlainSamples.Contact(1))));
        Assert.False(CompactPlain.IsCompact("\"text\""u8));
        Assert.False(CompactPlain.IsCompact(" {}"u8));
    }

    [Fact]
    public void A_plaintext_cut_short_or_with_bytes_left_over_is_refused()
    {
        var compact = Encode(PlainSamples.Json(PlainSamples.ImportData(5, withIdentityCode: true)));
        for (var length = 0; length < compact.Length; length++)
        {
            var prefix = compact[..length];
            Assert.Throws<InvalidDataException>(() => Decode(prefix));
        }
        Assert.Throws<InvalidDataException>(() => Decode([.. compact, 0x03]));
    }

    [Theory]
    [InlineData("01 01 FF 03 00")] // a name code this version does not know
    [InlineData("01 3F")] // a value code this version does not know
    [InlineData("01 09")] // a reserved tag
    [InlineData("01 00")] // the end of an array that was never started
    [InlineData("01 01 00 00")] // the end of an array where an object ends
    [InlineData("01 01 02 00")] // an object's property without a value
    [InlineData("01 07 01 7B")] // a "number" that is not one: {
    [InlineData("01 43 C3 A4")] // a short string longer than what is left
    [InlineData("01 41 C3")] // invalid UTF-8
    [InlineData("01 01 01 01 FF 03 00")] // an invalid UTF-8 name
    [InlineData("01 08 FF FF FF FF FF FF FF FF FF FF 01")] // a varint beyond 64 bits
    [InlineData("02 03")] // a binary version this one does not know
    public void A_malformed_plaintext_is_refused(string hex)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", ""));
        Assert.ThrowsAny<InvalidDataException>(() => Decode(bytes));
    }

    [Fact]
    public void Nesting_deeper_than_json_reading_allows_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => Decode([CompactForm.Version1, .. Enumerable.Repeat(PlainTags.StartArray, 65)]));
        var deepest = new string('[', 64) + new string(']', 64);
        Assert.Equal(deepest, Encoding.UTF8.GetString(CompactPlain.JsonOf(Encode(Encoding.UTF8.GetBytes(deepest)))));
    }

    /// <summary>
    /// Plaintexts are sealed in this form for good: these bytes, written by the first version, must read the same in every
    /// later one. It fails when a vocabulary entry is moved, removed or renamed, or a tag renumbered: append instead.
    /// </summary>
    [Fact]
    public void Plaintexts_written_by_the_first_version_read_the_same_forever()
    {
        var json = """{"identifiers":[{"kind":"email","value":"person7@example.fi"},{"kind":"customer-number","value":"C7"}],"contact":{"givenName":"V\u00E4in\u00F6","language":"fi"},"memberships":[{"registerId":"r","externalId":"e","categories":["basic-data"],"source":"s","lastActivityAt":"2020-01-01T00:07:00\u002B00:00"}],"reason":"r","scope":"all","channels":["sms"],"purposeId":"p","evidence":"x","heldUntil":"2027-01-01","confirmation":{"confirmedBy":"c","at":"2026-01-01T00:00:00\u002B00:00"},"what":"ledger","afterSeq":12,"count":-300,"type":"subject","portability":true,"id":null,"email":"suppression-list","phone":"rights-request","address":"hetu","familyName":"phone"}""";
        const string Written =
            "010102020103200452706572736F6E37406578616D706C652E6669000103230442433700000501064756C3A4696EC3B6"
            + "0B426669000C02010D41720E41650F024A62617369632D64617461001041731159323032302D30312D30315430303A30"
            + "373A30302B30303A303000001241721343616C6C140243736D7300154170164178174A323032372D30312D3031180119"
            + "41631A59323032362D30312D30315430303A30303A30302B30303A3030001B271C1C1D08D7041E261F05200308250924"
            + "0A22072100";
        Assert.Equal(Written, Convert.ToHexString(Encode(Encoding.UTF8.GetBytes(json))));
        Assert.Equal(json, Encoding.UTF8.GetString(CompactPlain.JsonOf(Convert.FromHexString(Written))));
        Assert.Equal(Written, Convert.ToHexString(Encode(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void The_vocabulary_fits_its_codes_without_repeats()
    {
        Assert.InRange(PlainVocabulary.Names.Count, 1, 0x100 - 0x02);
        Assert.InRange(PlainVocabulary.Values.Count, 1, 32);
        Assert.Equal(PlainVocabulary.Names.Count, PlainVocabulary.Names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(PlainVocabulary.Values.Count, PlainVocabulary.Values.Distinct(StringComparer.Ordinal).Count());
    }

    private static byte[] Encode(byte[] json)
    {
        var destination = new byte[CompactPlain.MaxLength(json.Length)];
        Assert.True(CompactPlain.TryEncode(json, destination, out var written));
        return destination[..written];
    }

    private static void Decode(byte[] compact)
    {
        using var writer = new Utf8JsonWriter(Stream.Null);
        CompactPlain.WriteJson(compact, writer);
    }

    private static List<string> Numbers(byte[] json)
    {
        var numbers = new List<string>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                numbers.Add(Encoding.UTF8.GetString(reader.ValueSpan));
            }
        }
        return numbers;
    }

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.OneOf(PlainVocabulary.Values.Concat(PlainVocabulary.Names).Select(Gen.Const).ToArray()),
        Gen.Char["abcdefghijklmnopqrstuvwxyzäöåÄÖ0123456789 .-_@+\"\\/<>&'\n\t"].Array[0, 30].Select(chars => new string(chars)),
        Gen.Char['\u0000', '\ud7ff'].Array[0, 12].Select(chars => new string(chars)),
        Gen.Int[0, 400].Select(length => new string('x', length) + "😀"));

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Gen.Const((JsonNode?)null),
        Gen.Bool.Select(value => (JsonNode?)JsonValue.Create(value)),
        Gen.Long.Select(value => (JsonNode?)JsonValue.Create(value)),
        Gen.Int[-20, 300].Select(value => (JsonNode?)JsonValue.Create(value)),
        Gen.Double.Where(double.IsFinite).Select(value => (JsonNode?)JsonValue.Create(value)),
        Gen.Decimal.Select(value => (JsonNode?)JsonValue.Create(value)),
        Text.Select(value => (JsonNode?)JsonValue.Create(value)));

    private static Gen<JsonNode?> Node(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (1, Node(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray(items))),
            (2, Gen.Select(Text, Node(depth - 1)).Array[0, 5].Select(properties =>
            {
                var node = new JsonObject();
                foreach (var (name, value) in properties)
                {
                    node[name] = value;
                }
                return (JsonNode?)node;
            })));
}
