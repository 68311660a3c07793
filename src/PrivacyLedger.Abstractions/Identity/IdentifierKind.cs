using Orleans;

namespace PrivacyLedger.Ledger.Identity;

/// <summary>The kinds of identifier a person can be found by.</summary>
[GenerateSerializer, Alias("identifier-kind")]
public enum IdentifierKind
{
    Email,
    Phone,
    Hetu,
    CustomerNumber,
}

/// <summary>
/// The wire names of <see cref="IdentifierKind"/>. Spelled out by hand rather than derived from the enum
/// names so that renaming a member can never change the API or the identifier hashes built from these names.
/// </summary>
public static class IdentifierKinds
{
    /// <summary>The wire names in declaration order, for messages that list the allowed kinds.</summary>
    public static IReadOnlyList<string> WireNames { get; } = ["email", "phone", "hetu", "customer-number"];

    /// <summary>Exact, case-sensitive match: numbers and enum member names are not accepted.</summary>
    public static bool TryParse(string wireName, out IdentifierKind kind)
    {
        switch (wireName)
        {
            case "email": kind = IdentifierKind.Email; return true;
            case "phone": kind = IdentifierKind.Phone; return true;
            case "hetu": kind = IdentifierKind.Hetu; return true;
            case "customer-number": kind = IdentifierKind.CustomerNumber; return true;
            default: kind = default; return false;
        }
    }

    public static string ToWireName(IdentifierKind kind) => kind switch
    {
        IdentifierKind.Email => "email",
        IdentifierKind.Phone => "phone",
        IdentifierKind.Hetu => "hetu",
        IdentifierKind.CustomerNumber => "customer-number",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown identifier kind."),
    };
}
