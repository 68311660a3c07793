using Orleans;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Alias("request-type")]
public enum RequestType { Access, Portability, Rectification, Erasure, Restriction, Objection, ConsentWithdrawal }
