using System.Threading.Channels;
using Grpc.Core;
using PrivacyLedger.Gateway.Apis;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Grpc.Mapping;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Subjects;
using V1 = PrivacyLedger.Grpc.V1;

namespace PrivacyLedger.Gateway.Grpc.Services;

/// <summary>
/// Permission checks over gRPC, decided by the subject grains as <c>/v1/subjects/{id}/permissions</c> and
/// <c>/v1/permissions/check</c> decide them (<see cref="PermissionsApi.ToQuery"/>, <see cref="PermissionChecks"/>).
/// Checks are pure reads: a cancelled call stops waiting for them.
/// </summary>
internal sealed class PermissionGrpcService(SubjectDirectory directory) : V1.PermissionService.PermissionServiceBase
{
    /// <summary>Checks of one stream worked on at once; the stream's reader waits while this many are unanswered.</summary>
    private const int StreamWindow = FieldLimits.BatchSubjects;

    public override async Task<V1.CheckResponse> Check(V1.CheckRequest request, ServerCallContext context)
    {
        var subjectId = ProtoValues.Id(request.SubjectId, "subjectId");
        var query = PermissionsApi.ToQuery(request.Purpose, ProtoEnums.ToWire(request.Channel, "channel"), request.Register);
        var decision = await directory.Subject(subjectId).CheckPermissionAsync(query).WaitAsync(context.CancellationToken)
            ?? throw new LedgerNotFoundException($"Subject '{subjectId}'");
        return new V1.CheckResponse { Allowed = decision.Allowed, Reasons = { decision.Reasons } };
    }

    public override async Task<V1.CheckBatchResponse> CheckBatch(V1.CheckBatchRequest request, ServerCallContext context)
    {
        var query = PermissionsApi.ToQuery(request.Purpose, ProtoEnums.ToWire(request.Channel, "channel"), request.Register);
        var results = await PermissionChecks.CheckManyAsync(directory, query, request.SubjectIds, context.CancellationToken);
        return new V1.CheckBatchResponse { Results = { results.Select(ToProto) } };
    }

    /// <summary>
    /// Checks are started as they arrive and answered in the order asked: a window of unanswered checks keeps the
    /// grains busy while the answers leave one by one.
    /// </summary>
    public override async Task CheckStream(IAsyncStreamReader<V1.CheckStreamRequest> requestStream, IServerStreamWriter<V1.CheckStreamResponse> responseStream,
        ServerCallContext context)
    {
        // Ends the reader too when answering stops early (the client went away, a check failed unforeseen).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var pending = Channel.CreateBounded<Task<V1.CheckStreamResponse>>(new BoundedChannelOptions(StreamWindow) { SingleReader = true, SingleWriter = true });
        var reading = ReadAsync(requestStream, pending.Writer, stop.Token);
        try
        {
            await foreach (var answer in pending.Reader.ReadAllAsync(stop.Token))
            {
                await responseStream.WriteAsync(await answer, stop.Token);
            }
            await reading;
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private async Task ReadAsync(IAsyncStreamReader<V1.CheckStreamRequest> requestStream, ChannelWriter<Task<V1.CheckStreamResponse>> pending, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var request in requestStream.ReadAllAsync(cancellationToken))
            {
                await pending.WriteAsync(CheckOneAsync(request), cancellationToken);
            }
        }
        finally
        {
            pending.Complete();
        }
    }

    private async Task<V1.CheckStreamResponse> CheckOneAsync(V1.CheckStreamRequest request)
    {
        try
        {
            var subjectId = ProtoValues.Id(request.SubjectId, "subjectId");
            var query = PermissionsApi.ToQuery(request.Purpose, ProtoEnums.ToWire(request.Channel, "channel"), request.Register);
            var decision = await directory.Subject(subjectId).CheckPermissionAsync(query);
            return new V1.CheckStreamResponse { Result = ToProto(PermissionChecks.ResultFor(subjectId, decision)) };
        }
        catch (Exception exception) when (GrpcFault.From(exception) is { } fault)
        {
            return new V1.CheckStreamResponse { Error = fault.ToItemStatus() };
        }
    }

    private static V1.CheckResult ToProto(BatchPermissionResult result) =>
        new() { SubjectId = result.SubjectId, Allowed = result.Allowed, Reasons = { result.Reasons } };
}
