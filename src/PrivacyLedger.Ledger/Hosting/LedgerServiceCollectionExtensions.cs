using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PrivacyLedger.Ledger.Campaigns;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Imports;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Retention;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Runtime;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Hosting;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>The ledger's grain types, under their stored type names (never to be renamed).</summary>
    public static GrainRegistry AddLedgerGrains(this GrainRegistry grains) => grains
        .Add<ISubjectGrain, SubjectGrain>("subject")
        .Add<IRegisterGrain, RegisterGrain>("register")
        .Add<IRightsRequestGrain, RightsRequestGrain>("rights-request")
        .Add<ICampaignGrain, CampaignGrain>("campaign")
        .Add<ICampaignUploadGrain, CampaignUploadGrain>("campaign-upload")
        .Add<IRetentionSweepGrain, RetentionSweepGrain>("retention-sweep");

    /// <summary>The ledger's services. The grain runtime and a storage provider must be added too.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, Action<LedgerOptions> configure)
    {
        services.AddOptions<LedgerOptions>().Configure(configure);
        services.AddSingleton<LedgerKeys>();
        services.AddSingleton<DataKeyVault>();
        services.AddSingleton<IdentifierIndex>();
        services.AddSingleton<RegisterCatalog>();
        services.AddSingleton<RegisterMembers>();
        services.AddSingleton<SubjectDirectory>();
        services.AddSingleton<SubjectImporter>();
        services.AddSingleton<RequestQueue>();
        services.AddSingleton<CampaignItems>();
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService<RegisterDefinitionLoader>();
        return services;
    }
}
