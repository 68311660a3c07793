using Grpc.Core;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Grpc.Mapping;
using PrivacyLedger.Gateway.Operations;
using PrivacyLedger.Grpc.V1;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Requests;
using static PrivacyLedger.Gateway.Grpc.Services.RequestProtoValues;

namespace PrivacyLedger.Gateway.Grpc.Services;

/// <summary>
/// <c>privacy_ledger.v1.RequestService</c>: the HTTP routes under <c>/v1/requests</c> over gRPC. Each message becomes
/// the HTTP body it mirrors, checked by the body rules (<see cref="GrpcBodies"/>), and goes through the same
/// <see cref="RightsRequestOperations"/> and <see cref="RequestQueue"/>, so both protocols keep one set of rules.
/// </summary>
internal sealed class RequestGrpcService(RightsRequestOperations requests, RequestQueue queue, GrpcBodies bodies) : RequestService.RequestServiceBase
{
    public override async Task<CreateRightsRequestResponse> CreateRightsRequest(CreateRightsRequestRequest request, ServerCallContext context)
    {
        var view = await requests.CreateAsync(bodies.Checked(request.ToBody()), Caller(context), context.CancellationToken);
        return new CreateRightsRequestResponse
        {
            RequestId = view.RequestId,
            Status = ProtoEnum<RequestStatus, RightsRequestStatus>(view.Status),
            DueAt = view.DueAt.ToTimestamp(),
        };
    }

    public override async Task<GetRightsRequestResponse> GetRightsRequest(GetRightsRequestRequest request, ServerCallContext context)
    {
        var requestId = RequestId(request.RequestId);
        var view = await requests.GetAsync(requestId) ?? throw new LedgerNotFoundException($"Request '{requestId}'");
        return new GetRightsRequestResponse { Request = view.ToProto() };
    }

    public override async Task<ListRightsRequestsResponse> ListRightsRequests(ListRightsRequestsRequest request, ServerCallContext context)
    {
        var limit = GrpcPaging.PageSize(request.PageSize, RightsRequestOperations.DefaultPageSize, RightsRequestOperations.MaxPageSize);
        var status = DomainEnum<RightsRequestStatus, RequestStatus>(request.Status, "status");
        var after = QueryText.Checked(request.PageToken.OrNull(), "pageToken", FieldLimits.Cursor);
        var page = await queue.ListAsync(status, Time(request.DueBefore, "dueBefore"), request.Overdue, after, limit, context.CancellationToken);
        return new ListRightsRequestsResponse { Requests = { page.Items.Select(item => item.ToProto()) }, NextPageToken = page.Next ?? "" };
    }

    public override async Task<VerifyRightsRequestResponse> VerifyRightsRequest(VerifyRightsRequestRequest request, ServerCallContext context) =>
        new() { Request = (await requests.VerifyAsync(RequestId(request.RequestId), bodies.Checked(request.ToBody()), Caller(context))).ToProto() };

    public override async Task<ExtendRightsRequestResponse> ExtendRightsRequest(ExtendRightsRequestRequest request, ServerCallContext context) =>
        new() { Request = (await requests.ExtendAsync(RequestId(request.RequestId), bodies.Checked(request.ToBody()), Caller(context))).ToProto() };

    public override async Task<RefuseRightsRequestResponse> RefuseRightsRequest(RefuseRightsRequestRequest request, ServerCallContext context) =>
        new() { Request = (await requests.RefuseAsync(RequestId(request.RequestId), bodies.Checked(request.ToBody()), Caller(context))).ToProto() };

    public override async Task<CancelRightsRequestResponse> CancelRightsRequest(CancelRightsRequestRequest request, ServerCallContext context) =>
        new() { Request = (await requests.CancelAsync(RequestId(request.RequestId), bodies.Checked(request.ToBody()), Caller(context))).ToProto() };

    public override async Task<ConfirmRightsTaskResponse> ConfirmRightsTask(ConfirmRightsTaskRequest request, ServerCallContext context)
    {
        var view = await requests.ConfirmTaskAsync(RequestId(request.RequestId), ProtoValues.Id(request.RegisterId, "registerId"), bodies.Checked(request.ToBody()), Caller(context));
        return new ConfirmRightsTaskResponse { Request = view.ToProto() };
    }

    private static string RequestId(string requestId) => ProtoValues.Id(requestId, "requestId");
}
