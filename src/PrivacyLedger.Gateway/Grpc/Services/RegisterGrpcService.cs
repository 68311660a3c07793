using Grpc.Core;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Grpc.Mapping;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Registers;
using V1 = PrivacyLedger.Grpc.V1;

namespace PrivacyLedger.Gateway.Grpc.Services;

/// <summary>Registers over gRPC, read from the catalog and member index as <c>/v1/registers</c> reads them.</summary>
internal sealed class RegisterGrpcService(RegisterCatalog catalog, RegisterMembers members) : V1.RegisterService.RegisterServiceBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1_000;

    public override async Task<V1.ListRegistersResponse> ListRegisters(V1.ListRegistersRequest request, ServerCallContext context) =>
        new() { Registers = { (await catalog.ListAsync().WaitAsync(context.CancellationToken)).Select(RegisterMapping.ToProto) } };

    public override async Task<V1.GetRegisterResponse> GetRegister(V1.GetRegisterRequest request, ServerCallContext context)
    {
        var registerId = ProtoValues.Id(request.RegisterId, "registerId");
        var stored = await catalog.FindStoredAsync(registerId).WaitAsync(context.CancellationToken)
            ?? throw new LedgerNotFoundException($"Register '{registerId}'");
        return new V1.GetRegisterResponse { Register = stored.ToProto() };
    }

    public override async Task<V1.ListRegisterMembersResponse> ListRegisterMembers(V1.ListRegisterMembersRequest request, ServerCallContext context)
    {
        var registerId = ProtoValues.Id(request.RegisterId, "registerId");
        var pageSize = GrpcPaging.PageSize(request.PageSize, DefaultPageSize, MaxPageSize);
        var after = QueryText.Checked(request.PageToken.OrNull(), "page_token", FieldLimits.Cursor);
        if (await catalog.FindAsync(registerId).WaitAsync(context.CancellationToken) is null)
        {
            throw new LedgerNotFoundException($"Register '{registerId}'");
        }
        var page = await members.ListAsync(registerId, after, pageSize, context.CancellationToken);
        return new V1.ListRegisterMembersResponse { Members = { page.Items.Select(RegisterMapping.ToProto) }, NextPageToken = page.Next ?? "" };
    }
}
