using System.Text.Json;
using PrivacyLedger.Jose;

namespace PrivacyLedger.Ledger.Receipts;

/// <summary>Signs receipts with the active key as compact JWS (ES256); the payload is the receipt in the ledger's JSON shape.</summary>
public sealed class ReceiptSigner(ReceiptKeys keys)
{
    public string Sign(RequestReceipt receipt) =>
        CompactJws.Sign(JsonSerializer.SerializeToUtf8Bytes(receipt, LedgerJson.Options), keys.SigningKey, keys.SigningKid, RequestReceipt.JwsType);
}
