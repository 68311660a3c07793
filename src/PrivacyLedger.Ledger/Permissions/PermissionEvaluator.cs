using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Permissions;

/// <summary>
/// May this person's data be used for a purpose over a channel right now? Allowed only where some register
/// the person is in defines the purpose with a basis that holds (consent given on that channel for a
/// consent-based purpose, R4; membership for contract and the other bases), no objection covers the
/// purpose on that channel (R3), and that register is not restricted. Every answer lists its reasons.
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
            if (subject.Objections.TryGetValue(scope, out var objection) && (objection.Channels.Count == 0 || objection.Channels.Contains(query.Channel)))
            {
                return (false, $"objection:{scope}");
            }
        }
        return purpose.LegalBasis switch
        {
            LegalBasis.Consent when subject.Consents.TryGetValue(purpose.Id, out var consent) && consent.Channels.Contains(query.Channel)
                => (true, $"consent:{purpose.Id}:{registerId}"),
            LegalBasis.Consent => (false, $"no-consent:{purpose.Id}"),
            LegalBasis.Contract => (true, $"contract:{registerId}"),
            LegalBasis.LegalObligation => (true, $"legal-obligation:{registerId}"),
            LegalBasis.LegitimateInterest => (true, $"legitimate-interest:{registerId}"),
            _ => (false, $"no-basis:{registerId}"),
        };
    }
}
