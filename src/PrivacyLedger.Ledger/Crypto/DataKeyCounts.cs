namespace PrivacyLedger.Ledger.Crypto;

/// <summary>The stored data keys by master key version, and how many of them the re-wrap is to move (<see cref="DataKeyVault.CountAsync"/>).</summary>
public sealed record DataKeyCounts(IReadOnlyDictionary<int, long> ByVersion, long ToRewrap);
