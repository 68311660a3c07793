namespace PrivacyLedger.Ledger;

public sealed class LedgerOptions
{
    /// <summary>
    /// Base64 of 32 random bytes. Every other key derives from it: the identifier index's hashing key and
    /// the key that wraps each subject's data key. Losing it makes the ledger's personal data unreadable.
    /// </summary>
    public string MasterKey { get; set; } = "";

    /// <summary>Folder of register definition YAML files loaded at start-up.</summary>
    public string RegistersPath { get; set; } = "samples/registers";
}
