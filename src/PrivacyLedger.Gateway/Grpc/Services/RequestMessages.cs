using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Grpc.V1;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Gateway.Grpc.Mapping;
using static PrivacyLedger.Gateway.Grpc.Services.RequestProtoValues;
using Model = PrivacyLedger.Ledger.Requests;
using V1 = PrivacyLedger.Grpc.V1;

namespace PrivacyLedger.Gateway.Grpc.Services;

/// <summary>
/// The rights-request messages as the HTTP bodies <see cref="Operations.RightsRequestOperations"/> takes, field for
/// field, and its answers as messages. Errors name fields as the HTTP bodies do; the interceptor turns them into proto names.
/// </summary>
internal static class RequestMessages
{
    public static CreateRequestBody ToBody(this CreateRightsRequestRequest request) => new(
        DomainEnum<RightsRequestType, RequestType>(request.Type, "type"),
        request.Subject is { } subject ? new RequestSubjectDto(subject.SubjectId.OrNull(), [.. subject.Identifiers.Select((identifier, i) => identifier.ToBody($"subject.identifiers[{i}]"))]) : null,
        request.Registers.Count == 0 ? null : [.. request.Registers],
        Time(request.ReceivedAt, "receivedAt"),
        DomainEnum<RightsRequestChannel, RequestChannel>(request.Channel, "channel"),
        request.Details?.ToDomain());

    private static RequestDetails ToDomain(this RightsRequestDetails details) => new()
    {
        Contact = details.Contact?.ToDomain(),
        Source = details.HasSource ? details.Source : null,
        Scope = ProtoEnums.ToWire(details.Scope, "details.scope"),
        Channels = details.Channels.Count == 0 ? null : ProtoEnums.ToWire(details.Channels, "details.channels"),
        PurposeId = details.HasPurposeId ? details.PurposeId : null,
        Reason = details.HasReason ? details.Reason : null,
    };

    public static VerificationBody ToBody(this VerifyRightsRequestRequest request) =>
        new(DomainEnum<V1.VerificationMethod, Model.VerificationMethod>(request.Method, "method"), request.VerifiedBy.OrNull());

    public static ExtensionBody ToBody(this ExtendRightsRequestRequest request) => new(request.Months == 0 ? null : request.Months, request.Reason.OrNull());

    public static RefusalBody ToBody(this RefuseRightsRequestRequest request) =>
        new(DomainEnum<V1.RefusalReason, Model.RefusalReason>(request.Reason, "reason"), request.Explanation.OrNull());

    public static CancellationBody ToBody(this CancelRightsRequestRequest request) => new(request.Reason.OrNull());

    public static ConfirmationBody ToBody(this ConfirmRightsTaskRequest request) => new(request.HasConfirmedBy ? request.ConfirmedBy : null, request.Evidence.OrNull());

    public static RightsRequest ToProto(this RequestView view)
    {
        var request = new RightsRequest
        {
            RequestId = view.RequestId,
            Type = ProtoEnum<RequestType, RightsRequestType>(view.Type),
            SubjectId = view.SubjectId,
            Status = ProtoEnum<RequestStatus, RightsRequestStatus>(view.Status),
            Channel = ProtoEnum<RequestChannel, RightsRequestChannel>(view.Channel),
            ReceivedAt = view.ReceivedAt.ToTimestamp(),
            DueAt = view.DueAt.ToTimestamp(),
            Overdue = view.Overdue,
            Fee = new V1.Fee { Applies = view.Fee.Applies },
            Verification = view.Verification is { } verification
                ? new V1.Verification { Method = ProtoEnum<Model.VerificationMethod, V1.VerificationMethod>(verification.Method), VerifiedBy = verification.VerifiedBy, At = verification.At.ToTimestamp() }
                : null,
            Extension = view.Extension is { } extension ? new V1.Extension { Months = extension.Months, Reason = extension.Reason, At = extension.At.ToTimestamp() } : null,
            Refusal = view.Refusal is { } refusal
                ? new V1.Refusal { Reason = ProtoEnum<Model.RefusalReason, V1.RefusalReason>(refusal.Reason), Explanation = refusal.Explanation, At = refusal.At.ToTimestamp() }
                : null,
            Tasks = { view.Tasks.Select(ToProto) },
            Notifications = { view.Notifications.Select(ToProto) },
            Flags = { view.Flags },
            ComplaintNotice = view.ComplaintNotice,
            Outcome = ProtoEnum<RequestOutcome, RightsRequestOutcome>(view.Outcome),
        };
        if (view.Fee.Reason is { } feeReason)
        {
            request.Fee.Reason = feeReason;
        }
        if (view.Answer is { } answer)
        {
            request.Answer = answer;
        }
        return request;
    }

    private static V1.RightsTask ToProto(Model.RightsTask task)
    {
        var proto = new V1.RightsTask
        {
            RegisterId = task.RegisterId,
            Action = task.Action,
            Status = ProtoEnum<Model.RightsTaskStatus, V1.RightsTaskStatus>(task.Status),
            HeldUntil = task.HeldUntil.ToTimestamp(),
            Confirmation = task.Confirmation is { } confirmation
                ? new V1.TaskConfirmation { ConfirmedBy = confirmation.ConfirmedBy, At = confirmation.At.ToTimestamp(), Evidence = confirmation.Evidence }
                : null,
        };
        if (task.HoldReason is { } holdReason)
        {
            proto.HoldReason = holdReason;
        }
        if (task.Note is { } note)
        {
            proto.Note = note;
        }
        return proto;
    }

    private static V1.Notification ToProto(Model.Notification notification) => new()
    {
        Id = notification.Id,
        RegisterId = notification.RegisterId,
        RecipientId = notification.RecipientId,
        RecipientName = notification.RecipientName,
        Event = notification.Event,
        Status = ProtoEnum<Model.NotificationStatus, V1.NotificationStatus>(notification.Status),
        Attempts = notification.Attempts,
        LastAttemptAt = notification.LastAttemptAt.ToTimestamp(),
        DeliveredAt = notification.DeliveredAt.ToTimestamp(),
    };

    public static RightsRequestSummary ToProto(this RequestQueueEntry entry) => new()
    {
        RequestId = entry.RequestId,
        Type = ProtoEnum<RequestType, RightsRequestType>(entry.Type),
        SubjectId = entry.SubjectId,
        Status = ProtoEnum<RequestStatus, RightsRequestStatus>(entry.Status),
        ReceivedAt = entry.ReceivedAt.ToTimestamp(),
        DueAt = entry.DueAt.ToTimestamp(),
    };
}
