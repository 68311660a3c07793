namespace PrivacyLedger.Ledger.Registers;

/// <summary>How many people a register holds and how many open rights requests concern it.</summary>
public sealed record RegisterCounts(string RegisterId, long Members, long OpenRequests);
