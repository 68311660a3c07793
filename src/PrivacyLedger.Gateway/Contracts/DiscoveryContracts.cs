using PrivacyLedger.Ledger.Registers;

namespace PrivacyLedger.Gateway.Contracts;

/// <summary>What this deployment supports, for a client to find its way without a key. Nothing personal.</summary>
public sealed record DiscoveryDocument(
    string ApiVersion,
    IReadOnlyList<string> RequestTypes,
    IReadOnlyList<string> RequestChannels,
    IReadOnlyList<string> VerificationMethods,
    IReadOnlyList<string> IdentifierKinds,
    IReadOnlyList<DiscoveredRegister> Registers,
    DeadlineRules Deadlines,
    ReceiptDiscovery Receipts,
    GrpcDiscovery? Grpc);

/// <summary>A register by id, with its name in Finnish, Swedish and English as its definition gives them.</summary>
public sealed record DiscoveredRegister(string Id, LocalizedText Name);

/// <summary>R8: an answer within one calendar month of receipt, extendable by up to two more with reasons given within the first.</summary>
public sealed record DeadlineRules(int ResponseMonths, int MaxExtensionMonths, int ExtensionNoticeWithinMonths, string Basis);

/// <summary>How receipts are signed and where the keys that verify them are published.</summary>
public sealed record ReceiptDiscovery(string JwksUri, string Algorithm, string Type, IReadOnlyList<string> IssuedFor);

public sealed record GrpcDiscovery(string Url);
