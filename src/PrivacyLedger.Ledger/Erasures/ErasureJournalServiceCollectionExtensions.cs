using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace PrivacyLedger.Ledger.Erasures;

public static class ErasureJournalServiceCollectionExtensions
{
    /// <summary>
    /// The erasure journal (a file, <see cref="ErasureJournalOptions.Path"/>), its reconciler, and its reconciliation at
    /// start-up. A host that sets no path gets <c>erasures.journal</c> in its working directory; the gateway sets one.
    /// </summary>
    public static ISiloBuilder AddErasureJournal(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<ErasureJournalOptions>()
            .PostConfigure(options => options.Path = string.IsNullOrWhiteSpace(options.Path) ? "erasures.journal" : options.Path)
            .ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ErasureJournalOptions>, ErasureJournalOptionsValidator>());
        silo.Services.TryAddSingleton<IErasureJournal, FileErasureJournal>();
        silo.Services.TryAddSingleton<ErasureReconciler>();
        silo.AddStartupTask<ErasureReconciliationAtStartup>();
        return silo;
    }
}
