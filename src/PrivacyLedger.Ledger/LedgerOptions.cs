namespace PrivacyLedger.Ledger;

public sealed class LedgerOptions
{
    /// <summary>
    /// Base64 of 32 random bytes. Every other key derives from it: the identifier index's hashing key and
    /// the key that wraps each subject's data key. Losing it makes the ledger's personal data unreadable.
    /// </summary>
    public string MasterKey { get; set; } = "";

    /// <summary>
    /// Versions of the master key, for rotation without downtime (<c>Ledger:MasterKeys:&lt;n&gt;:Version</c> and
    /// <c>:Key</c>); <see cref="MasterKey"/>, when set, is version 1. The highest version that is not retired wraps new
    /// data keys, every configured one unwraps, and a background re-wrap moves older data keys to the newest.
    /// </summary>
    public List<Crypto.MasterKeyVersionOptions> MasterKeys { get; set; } = [];

    /// <summary>
    /// The master key version the identifier index's hashing key derives from; 1 when not set. It never follows a
    /// rotation: every stored identifier hash is keyed by it, and a new key would make every person unfindable.
    /// </summary>
    public int? IdentifierKeyVersion { get; set; }

    /// <summary>
    /// The version new data keys are wrapped under; the highest version not retired when not set. Set it to the old
    /// version while a cluster's nodes learn a new one, so none wraps a key another cannot unwrap yet.
    /// </summary>
    public int? ActiveKeyVersion { get; set; }

    /// <summary>Folder of register definition YAML files loaded at start-up.</summary>
    public string RegistersPath { get; set; } = "samples/registers";

    /// <summary>
    /// How often a rights request that still has work (tasks after a restart, confirmations, notifications to
    /// retry) is woken by its reminder. Held erasures are woken at their hold's end.
    /// </summary>
    public TimeSpan RequestWorkInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the retention sweep runs (R5); daily by default.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Delivery attempts of one notification before it is marked failed.</summary>
    public int NotificationMaxAttempts { get; set; } = 10;
}
