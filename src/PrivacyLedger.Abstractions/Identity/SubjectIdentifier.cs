using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Identity;

/// <summary>
/// An identifier of a person, with <see cref="Value"/> already normalised (see the domain's <c>IdentifierNormalizer</c>)
/// so that equal identifiers compare and hash equal.
/// </summary>
[GenerateSerializer, Immutable, Alias("subject-identifier")]
public sealed record SubjectIdentifier(IdentifierKind Kind, string Value)
{
    /// <summary>Prints the kind only: the value is personal data and records end up in logs and exception messages.</summary>
    public override string ToString() => $"{nameof(SubjectIdentifier)} {{ Kind = {Kind} }}";
}
