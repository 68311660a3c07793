using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacyLedger.Ledger.Campaigns;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Erasures;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Imports;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Retention;
using PrivacyLedger.Ledger.Subjects;
using Orleans;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using PrivacyLedger.Storage.Orleans;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Hosting;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// The ledger on a silo: its services, its grains' serialization, their state in the batched store over the
    /// engine's storage (registered separately, with the engine's clustering and reminders), reminder periods as
    /// short as <see cref="LedgerOptions.RequestWorkInterval"/>, and the start-up loading of register definitions.
    /// </summary>
    public static ISiloBuilder AddLedger(this ISiloBuilder silo, Action<LedgerOptions> configure, Action<BatchedStoreOptions>? storage = null)
    {
        silo.Services.AddLedger(configure);
        silo.Services.AddSerializer(serializer => serializer.AddLedgerSerialization());
        silo.AddBatchedGrainStorage(storage);
        // Orleans refuses reminder periods under its minimum (a minute); requests and campaigns wake at the configured interval.
        silo.Services.AddOptions<ReminderOptions>().Configure<IOptions<LedgerOptions>>((reminders, ledger) =>
            reminders.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(reminders.MinimumReminderPeriod.Ticks, ledger.Value.RequestWorkInterval.Ticks)));
        silo.AddStartupTask<RegisterDefinitionLoader>();
        silo.AddStartupTask<KeyRotationStarter>();
        // Every erasure is journalled outside the database, and the journal reconciled before the node serves.
        silo.AddErasureJournal();
        silo.Services.AddSingleton<Orleans.ILifecycleParticipant<Orleans.Runtime.ISiloLifecycle>, LeftoverWorkResumer>();
        return silo;
    }

    /// <summary>The ledger's services; <see cref="AddLedger(ISiloBuilder, Action{LedgerOptions}, Action{BatchedStoreOptions}?)"/> adds them with the rest.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, Action<LedgerOptions> configure)
    {
        // Checked when the host starts, before the silo: a bad key or folder stops start-up, naming the setting.
        services.AddOptions<LedgerOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LedgerOptions>, LedgerOptionsValidator>());
        services.TryAddKeyedSingleton(LedgerClock.Key, TimeProvider.System);
        services.AddSingleton<LedgerKeys>();
        services.AddMetrics();
        services.TryAddSingleton<LedgerMetrics>();
        services.AddSingleton<DataKeyVault>();
        services.TryAddSingleton<KeyRotationMetrics>();
        services.AddSingleton<IdentifierIndex>();
        services.AddSingleton<RegisterCatalog>();
        services.AddSingleton<RegisterMembers>();
        services.AddSingleton<RegisterStatistics>();
        services.AddSingleton<SubjectDirectory>();
        // The subject grain's state, millions of rows, in its compact form; other grain state stays JSON.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrainStateCodec, SubjectStateCodec>());
        services.AddSingleton<SubjectImporter>();
        services.AddSingleton<RequestQueue>();
        services.AddSingleton<CampaignItems>();
        services.AddSingleton<CampaignDirectory>();
        services.AddSingleton<RetentionSweeper>();
        return services;
    }
}
