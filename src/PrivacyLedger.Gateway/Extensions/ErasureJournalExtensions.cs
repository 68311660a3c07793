using PrivacyLedger.Ledger.Erasures;
using PrivacyLedger.Storage.Postgres;

namespace PrivacyLedger.Gateway.Extensions;

internal static class ErasureJournalExtensions
{
    /// <summary>
    /// Where the erasure journal lives: <c>Ledger:ErasureJournal:Path</c> (relative to the content root), by default a file
    /// in the data directory beside, never inside, the SQLite database: <c>erasures.journal</c>, or on PostgreSQL
    /// <c>erasures-{schema}.journal</c>, so ledgers in different schemas never share one.
    /// </summary>
    public static WebApplicationBuilder AddErasureJournalLocation(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.Configure<ErasureJournalOptions>(options =>
        {
            var configured = configuration["Ledger:ErasureJournal:Path"];
            options.Path = !string.IsNullOrWhiteSpace(configured)
                ? Path.GetFullPath(configured, contentRoot)
                : Path.Combine(Path.GetFullPath(configuration["Ledger:DataDirectory"] ?? "data", contentRoot), DefaultFileName(configuration));
        });
        return builder;
    }

    private static string DefaultFileName(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration.GetConnectionString("Ledger"))
            ? "erasures.journal"
            : $"erasures-{configuration["Ledger:Postgres:Schema"] ?? new PostgresStorageOptions().Schema}.journal";
}
