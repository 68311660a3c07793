using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Ledger.Subjects;
using V1 = PrivacyLedger.Grpc.V1;

namespace PrivacyLedger.Gateway.Grpc.Mapping;

/// <summary>SubjectService messages to the HTTP API's bodies, and the domain's views to messages.</summary>
internal static class SubjectMapping
{
    public static EnrolRequest ToBody(this V1.EnrolRequest request) => new(
        [.. request.Identifiers.Select((identifier, i) => identifier.ToBody($"identifiers[{i}]"))],
        request.HasExternalId ? request.ExternalId : null,
        request.Contact?.ToDomain(),
        [.. request.Categories.Select(category => new CategoryDto(category.Id.OrNull(), category.CollectedAt.ToDateTimeOffsetOrNull()))],
        request.HasSource ? request.Source : null,
        request.LastActivityAt.ToDateTimeOffsetOrNull());

    public static IdentifierDto ToBody(this V1.Identifier identifier, string field) =>
        new(ProtoEnums.ToWire(identifier.Kind, $"{field}.kind"), identifier.Value.OrNull());

    public static ContactData ToDomain(this V1.ContactData contact) => new()
    {
        GivenName = contact.HasGivenName ? contact.GivenName : null,
        FamilyName = contact.HasFamilyName ? contact.FamilyName : null,
        Email = contact.HasEmail ? contact.Email : null,
        Phone = contact.HasPhone ? contact.Phone : null,
        Address = contact.HasAddress ? contact.Address : null,
        Language = contact.HasLanguage ? contact.Language : null,
    };

    public static ConsentRequest ToBody(this V1.GrantConsentRequest request) =>
        new(ProtoEnums.ToWire(request.Channels, "channels"), request.Source.OrNull(), request.HasEvidence ? request.Evidence : null);

    public static ObjectionRequest ToBody(this V1.ObjectRequest request) =>
        new(ProtoEnums.ToWire(request.Channels, "channels"), request.Source.OrNull(), request.HasEvidence ? request.Evidence : null);

    public static WithdrawalRequest ToBody(this V1.WithdrawConsentRequest request) => new(request.HasSource ? request.Source : null);

    public static WithdrawalRequest ToBody(this V1.WithdrawObjectionRequest request) => new(request.HasSource ? request.Source : null);

    public static RestrictionRequest ToBody(this V1.RestrictRequest request) => new(request.Reason.OrNull());

    public static V1.Subject ToProto(this SubjectView view) => new()
    {
        SubjectId = view.SubjectId,
        CreatedAt = view.CreatedAt.ToTimestamp(),
        Identifiers =
        {
            view.Identifiers.Select(identifier => new V1.SubjectIdentifier
            {
                Kind = ProtoEnums.FromWire<V1.IdentifierKind>(identifier.Kind),
                Value = identifier.Value,
                Masked = identifier.Masked,
            }),
        },
        Contact = view.Contact.ToProto(),
        Memberships = { view.Memberships.Select(ToProto) },
        Consents =
        {
            view.Consents.Select(consent => WithEvidence(new V1.Consent
            {
                PurposeId = consent.PurposeId,
                Channels = { consent.Channels.Select(ProtoEnums.FromWire<V1.Channel>) },
                Source = consent.Source,
                GrantedAt = consent.GrantedAt.ToTimestamp(),
            }, consent.Evidence)),
        },
        Objections =
        {
            view.Objections.Select(objection => WithEvidence(new V1.Objection
            {
                Scope = ProtoEnums.FromWire<V1.ObjectionScope>(objection.Scope),
                Channels = { objection.Channels.Select(ProtoEnums.FromWire<V1.Channel>) },
                Source = objection.Source,
                At = objection.At.ToTimestamp(),
            }, objection.Evidence)),
        },
        Restrictions =
        {
            view.Restrictions.Select(restriction => new V1.Restriction
            {
                RegisterId = restriction.RegisterId,
                Reason = restriction.Reason,
                At = restriction.At.ToTimestamp(),
            }),
        },
        RequestIds = { view.RequestIds },
    };

    public static V1.ContactData ToProto(this ContactData contact)
    {
        var proto = new V1.ContactData();
        if (contact.GivenName is { } givenName) proto.GivenName = givenName;
        if (contact.FamilyName is { } familyName) proto.FamilyName = familyName;
        if (contact.Email is { } email) proto.Email = email;
        if (contact.Phone is { } phone) proto.Phone = phone;
        if (contact.Address is { } address) proto.Address = address;
        if (contact.Language is { } language) proto.Language = language;
        return proto;
    }

    private static V1.Membership ToProto(MembershipView membership)
    {
        var proto = new V1.Membership
        {
            RegisterId = membership.RegisterId,
            Since = membership.Since.ToTimestamp(),
            LastActivityAt = membership.LastActivityAt.ToTimestamp(),
            Categories =
            {
                membership.Categories.Select(category => new V1.MembershipCategory
                {
                    Id = category.Id,
                    CollectedAt = category.CollectedAt.ToTimestamp(),
                    Special = category.Special,
                }),
            },
        };
        if (membership.ExternalId is { } externalId) proto.ExternalId = externalId;
        if (membership.Source is { } source) proto.Source = source;
        return proto;
    }

    private static V1.Consent WithEvidence(V1.Consent consent, string? evidence)
    {
        if (evidence is not null) consent.Evidence = evidence;
        return consent;
    }

    private static V1.Objection WithEvidence(V1.Objection objection, string? evidence)
    {
        if (evidence is not null) objection.Evidence = evidence;
        return objection;
    }
}
