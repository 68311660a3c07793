using Orleans;

namespace PrivacyLedger.Ledger.Requests;

[GenerateSerializer, Alias("request-channel")]
public enum RequestChannel { Email, Letter, Web, Phone, InPerson }
