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
