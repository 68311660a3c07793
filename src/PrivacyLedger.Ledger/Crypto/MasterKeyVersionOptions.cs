namespace PrivacyLedger.Ledger.Crypto;

/// <summary>One version of the master key (<c>Ledger:MasterKeys:&lt;n&gt;</c>); unless <c>Ledger:ActiveKeyVersion</c> says otherwise, the highest version not retired wraps new data keys.</summary>
public sealed class MasterKeyVersionOptions
{
    /// <summary>A whole number from 1; <c>Ledger:MasterKey</c>, when set, is version 1.</summary>
    public int Version { get; set; }

    /// <summary>Base64 of 32 random bytes.</summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// Wraps and unwraps nothing any more: kept only because <see cref="LedgerOptions.IdentifierKeyVersion"/> names it
    /// (the identifier index stays keyed by it). Start-up refuses a retired version that data keys are still wrapped under.
    /// </summary>
    public bool Retired { get; set; }
}
