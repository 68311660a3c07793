using System.Text.Encodings.Web;
using System.Text.Json;
using PrivacyLedger.Jose;

namespace PrivacyLedger.Ledger.Receipts;

/// <summary>Signs receipts with the active key as compact JWS (ES256); the payload is the receipt in the ledger's JSON shape.</summary>
public sealed class ReceiptSigner(ReceiptKeys keys)
{
    // Read by people and by other tools, never embedded in HTML: times keep their '+', names their letters (no \u escapes).
    private static readonly JsonSerializerOptions PayloadJson = new(LedgerJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Sign(RequestReceipt receipt) =>
        CompactJws.Sign(Payload(receipt), keys.SigningKey, keys.SigningKid, RequestReceipt.JwsType);

    /// <summary>The payload's bytes, exactly as signed.</summary>
    public static byte[] Payload(RequestReceipt receipt) => JsonSerializer.SerializeToUtf8Bytes(receipt, PayloadJson);
}
