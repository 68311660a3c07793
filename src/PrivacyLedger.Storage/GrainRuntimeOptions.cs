using PrivacyLedger.Storage;
namespace PrivacyLedger.Runtime;

public sealed class GrainRuntimeOptions
{
    /// <summary>This node's name, in logs and reminder leases. Defaults to the machine name and process id.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>An activation unused for this long is deactivated.</summary>
    public TimeSpan IdleDeactivationAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many activations are kept; past it the least recently used are deactivated first.</summary>
    public int MaxActivations { get; set; } = 2_000_000;

    /// <summary>How long a call may wait for its turn before it fails without running.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most state writes sent to storage in one round trip.</summary>
    public int MaxWriteBatchSize { get; set; } = 1_000;

    /// <summary>How many write batches may be in flight at once.</summary>
    public int MaxConcurrentWriteBatches { get; set; } = 2;

    /// <summary>The most state reads (activations loading their state) sent to storage in one round trip.</summary>
    public int MaxReadBatchSize { get; set; } = 1_000;

    /// <summary>How many read batches may be in flight at once.</summary>
    public int MaxConcurrentReadBatches { get; set; } = 2;

    /// <summary>How often storage is asked for due reminders.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed reminder tick belongs to this node before another may take it.</summary>
    public TimeSpan ReminderLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long shutdown waits for turns in flight to finish.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
