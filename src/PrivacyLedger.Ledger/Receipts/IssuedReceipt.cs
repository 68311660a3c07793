using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Ledger.Receipts;

/// <summary>
/// A receipt as the request grain keeps it: for which status it was issued, when, and the signed token. It holds
/// nothing personal, so it lives in the request's state and outlives the shredding of the person's data.
/// </summary>
public sealed record IssuedReceipt(RequestStatus Status, DateTimeOffset IssuedAt, string Jws);
