namespace PrivacyLedger.Gateway.Extensions;

/// <summary>The storage engine chosen by configuration, and what it gives the silo beside grain state: clustering and reminders.</summary>
internal sealed record LedgerEngine(Action<ISiloBuilder, SiloSettings> ConfigureSilo);
