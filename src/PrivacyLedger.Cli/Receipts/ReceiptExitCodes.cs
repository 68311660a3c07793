namespace PrivacyLedger.Cli.Receipts;

/// <summary>
/// What <c>receipt verify</c> returns beyond <see cref="ExitCodes"/> (0 valid, 1 usage or other error, 2 unreachable,
/// 3 the ledger export's chain is broken): one code per way a receipt fails, so a script can tell them apart.
/// </summary>
public static class ReceiptExitCodes
{
    /// <summary>Not a receipt: not a compact JWS, not ES256, no kid, or a payload that is not a receipt.</summary>
    public const int Malformed = 10;

    /// <summary>The signature does not match: the receipt was altered after signing, or another key signed it.</summary>
    public const int BadSignature = 11;

    /// <summary>Signed under a key id the JWK Set does not publish.</summary>
    public const int UnknownKey = 12;

    /// <summary>The receipt's ledger head is not an event of the ledger export given.</summary>
    public const int HeadNotInLedger = 13;
}
