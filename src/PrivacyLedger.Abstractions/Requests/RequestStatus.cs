using Orleans;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Alias("request-status")]
public enum RequestStatus { Received, Verified, InProgress, Completed, PartiallyCompleted, Refused, Cancelled }
