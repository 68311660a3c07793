using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>
/// A whole erasure of one person in one turn (a campaign's): in one register, or every register when
/// <see cref="RegisterId"/> is null; with <see cref="RetentionExpiredIn"/>, only if the person's retention in
/// that register has run out at that moment.
/// </summary>
[GenerateSerializer, Immutable, Alias("erasure-command")]
public sealed record ErasureCommand(string RequestId, string? RegisterId, string? RetentionExpiredIn = null);
