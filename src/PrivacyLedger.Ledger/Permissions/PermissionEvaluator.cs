using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Permissions;

/// <summary>
/// May this person's data be used for a purpose over a channel right now? Allowed only where some register
/// the person is in defines the purpose with a basis that holds (consent given on that channel for a
/// consent-based purpose, R4; membership for contract and the other bases), no objection covers the
/// purpose on that channel (R3), and that register is not restricted. Every answer lists its reasons. The channel
/// may be left out for a purpose whose decision cannot depend on it (see <see cref="IsChannelBound"/>).
/// </summary>
public static class PermissionEvaluator
{
    public static PermissionDecision Evaluate(SubjectState subject, PermissionQuery query, IReadOnlyDictionary<string, RegisterDefinition> registers)
    {
        if (subject.Erased)
        {
            return new PermissionDecision(false, ["subject-erased"]);
        }
        var registerIds = query.RegisterId is { } only ? [only] : subject.Memberships.Keys.Order(StringComparer.Ordinal).ToList();
        if (registerIds.Count == 0)
        {
            return new PermissionDecision(false, ["not-a-member"]);
        }
        var allowedBy = new List<string>();
        var deniedBy = new List<string>();
        foreach (var registerId in registerIds)
        {
            var (allowed, reason) = EvaluateInRegister(subject, query, registerId, registers.GetValueOrDefault(registerId));
            (allowed ? allowedBy : deniedBy).Add(reason);
        }
        return allowedBy.Count > 0
            ? new PermissionDecision(true, allowedBy)
            : new PermissionDecision(false, [.. deniedBy.Distinct()]);
    }

    /// <summary>
    /// Whether a decision for this purpose can depend on the channel: consent is given per channel, and so can an
    /// objection be. A property of the purpose, not of the person, so a caller learns it once and not by surprise.
    /// </summary>
    public static bool IsChannelBound(Purpose purpose) => purpose.LegalBasis == LegalBasis.Consent || purpose.ObjectionScopes.Count > 0;

    private static (bool Allowed, string Reason) EvaluateInRegister(SubjectState subject, PermissionQuery query, string registerId, RegisterDefinition? register)
    {
        if (register is null)
        {
            return (false, $"unknown-register:{registerId}");
        }
        var purpose = register.Purposes.Find(p => p.Id == query.Purpose);
        if (purpose is null)
        {
            return (false, $"purpose-not-in-register:{registerId}");
        }
        if (query.Channel is null && IsChannelBound(purpose))
        {
            throw new LedgerValidationException("channel",
                $"channel is required for purpose '{purpose.Id}': its consent or objections are given per channel. Channels are {string.Join(", ", Vocabulary.Channels)}.");
        }
        if (!subject.Memberships.ContainsKey(registerId))
        {
            return (false, $"not-a-member:{registerId}");
        }
        if (subject.Restrictions.ContainsKey(registerId))
        {
            return (false, $"restricted:{registerId}");
        }
        foreach (var scope in purpose.ObjectionScopes)
        {
            if (subject.Objections.TryGetValue(scope, out var objection) && (objection.Channels.Count == 0 || objection.Channels.Contains(query.Channel!)))
            {
                return (false, $"objection:{scope}");
            }
        }
        return purpose.LegalBasis switch
        {
            LegalBasis.Consent when subject.Consents.TryGetValue(purpose.Id, out var consent) && consent.Channels.Contains(query.Channel!)
                => (true, $"consent:{purpose.Id}:{registerId}"),
            LegalBasis.Consent => (false, $"no-consent:{purpose.Id}"),
            LegalBasis.Contract => (true, $"contract:{registerId}"),
            LegalBasis.LegalObligation => (true, $"legal-obligation:{registerId}"),
            LegalBasis.LegitimateInterest => (true, $"legitimate-interest:{registerId}"),
            _ => (false, $"no-basis:{registerId}"),
        };
    }
}
