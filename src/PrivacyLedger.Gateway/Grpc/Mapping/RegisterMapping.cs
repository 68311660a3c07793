using PrivacyLedger.Ledger.Registers;
using V1 = PrivacyLedger.Grpc.V1;

namespace PrivacyLedger.Gateway.Grpc.Mapping;

/// <summary>Registers as stored to RegisterService messages, field for field as <c>GET /v1/registers/{id}</c> shows them.</summary>
internal static class RegisterMapping
{
    public static V1.StoredRegister ToProto(this StoredRegister stored) => new()
    {
        Definition = stored.Definition.ToProto(),
        Version = stored.Version,
        UpdatedAt = stored.UpdatedAt.ToTimestamp(),
        UpdatedBy = stored.UpdatedBy,
        Flags = { stored.Flags },
    };

    public static V1.Member ToProto(this MemberEntry member)
    {
        var proto = new V1.Member
        {
            SubjectId = member.SubjectId,
            Since = member.Since.ToTimestamp(),
            LastActivityAt = member.LastActivityAt.ToTimestamp(),
        };
        if (member.ExternalId is { } externalId) proto.ExternalId = externalId;
        return proto;
    }

    private static V1.RegisterDefinition ToProto(this RegisterDefinition definition)
    {
        var proto = new V1.RegisterDefinition
        {
            Id = definition.Id,
            Name = definition.Name.ToProto(),
            Description = definition.Description?.ToProto(),
            Controller = definition.Controller.ToProto(),
            Contact = definition.Contact?.ToProto(),
            Purposes = { definition.Purposes.Select(ToProto) },
            Categories = { definition.Categories.Select(ToProto) },
            Sources = { definition.Sources.Select(source => new V1.DataSource { Id = source.Id, Description = source.Description.ToProto() }) },
            Recipients = { definition.Recipients.Select(ToProto) },
            Rights = definition.Rights.ToProto(),
            TransfersOutsideEea = definition.TransfersOutsideEea,
        };
        if (definition.SourceDocument is { } sourceDocument) proto.SourceDocument = sourceDocument;
        return proto;
    }

    private static V1.LocalizedText ToProto(this LocalizedText text)
    {
        var proto = new V1.LocalizedText();
        if (text.Fi is { } fi) proto.Fi = fi;
        if (text.Sv is { } sv) proto.Sv = sv;
        if (text.En is { } en) proto.En = en;
        return proto;
    }

    private static V1.Controller ToProto(this Controller controller)
    {
        var proto = new V1.Controller { Name = controller.Name };
        if (controller.BusinessId is { } businessId) proto.BusinessId = businessId;
        if (controller.Address is { } address) proto.Address = address;
        if (controller.Phone is { } phone) proto.Phone = phone;
        return proto;
    }

    private static V1.ContactPoint ToProto(this ContactPoint contact)
    {
        var proto = new V1.ContactPoint();
        if (contact.Name is { } name) proto.Name = name;
        if (contact.Email is { } email) proto.Email = email;
        if (contact.Phone is { } phone) proto.Phone = phone;
        if (contact.Address is { } address) proto.Address = address;
        return proto;
    }

    private static V1.Purpose ToProto(Purpose purpose) => new()
    {
        Id = purpose.Id,
        Name = purpose.Name.ToProto(),
        LegalBasis = ProtoEnums.FromWire<V1.LegalBasis>(ProtoValues.Wire(purpose.LegalBasis)),
        ObjectionScopes = { purpose.ObjectionScopes.Select(ProtoEnums.FromWire<V1.ObjectionScope>) },
    };

    private static V1.DataCategory ToProto(DataCategory category) => new()
    {
        Id = category.Id,
        Name = category.Name.ToProto(),
        Special = category.Special,
        Retention = category.Retention.ToProto(),
        LegalHold = category.LegalHold?.ToProto(),
        External = category.External,
    };

    private static V1.RetentionRule ToProto(this RetentionRule rule)
    {
        var proto = new V1.RetentionRule
        {
            Start = ProtoEnums.FromWire<V1.RetentionStart>(ProtoValues.Wire(rule.From)),
            WhileMember = rule.WhileMember,
            WhileRole = rule.WhileRole,
            Note = rule.Note?.ToProto(),
        };
        if (rule.Days is { } days) proto.Days = days;
        if (rule.Years is { } years) proto.Years = years;
        return proto;
    }

    private static V1.LegalHold ToProto(this LegalHold hold)
    {
        var proto = new V1.LegalHold { Years = hold.Years, Reason = hold.Reason };
        if (hold.Law is { } law) proto.Law = law;
        return proto;
    }

    private static V1.Recipient ToProto(Recipient recipient) => new()
    {
        Id = recipient.Id,
        Name = recipient.Name,
        Description = recipient.Description?.ToProto(),
        Notify = recipient.Notify,
    };

    private static V1.RightsRules ToProto(this RightsRules rights)
    {
        var proto = new V1.RightsRules
        {
            Granted = { rights.Granted },
            DeadlineMonths = rights.DeadlineMonths,
            RequestInstructions = rights.RequestInstructions?.ToProto(),
        };
        if (rights.FreeAccessRequestsPerYear is { } free) proto.FreeAccessRequestsPerYear = free;
        return proto;
    }
}
