using System.Globalization;
using Grpc.Core;
using PrivacyLedger.Gateway.Grpc.Mapping;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Subjects;
using V1 = PrivacyLedger.Grpc.V1;

namespace PrivacyLedger.Gateway.Grpc.Services;

/// <summary>A person's ledger over gRPC, from the subject grain as <c>/v1/subjects/{id}/ledger</c> reads it.</summary>
internal sealed class LedgerGrpcService(SubjectDirectory directory) : V1.LedgerService.LedgerServiceBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1_000;

    /// <summary>The page token is the sequence number to read after, as HTTP's <c>after</c>.</summary>
    public override async Task<V1.ReadLedgerResponse> ReadLedger(V1.ReadLedgerRequest request, ServerCallContext context)
    {
        var subjectId = ProtoValues.Id(request.SubjectId, "subjectId");
        var pageSize = GrpcPaging.PageSize(request.PageSize, DefaultPageSize, MaxPageSize);
        var after = 0L;
        if (request.PageToken.Length > 0 && !long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw new LedgerValidationException("page_token", "page_token must be a next_page_token of an earlier answer.");
        }
        // The read is recorded in the ledger: once started it runs to its end.
        var page = await directory.Subject(subjectId).ReadLedgerAsync(after, pageSize, context.GetHttpContext().User.ToActor());
        return new V1.ReadLedgerResponse
        {
            Events = { page.Items.Select(LedgerMapping.ToProto) },
            NextPageToken = page.Next?.ToString(CultureInfo.InvariantCulture) ?? "",
        };
    }

    public override async Task<V1.VerifyLedgerResponse> VerifyLedger(V1.VerifyLedgerRequest request, ServerCallContext context)
    {
        var subjectId = ProtoValues.Id(request.SubjectId, "subjectId");
        var verification = await directory.Subject(subjectId).VerifyLedgerAsync().WaitAsync(context.CancellationToken);
        return new V1.VerifyLedgerResponse { Valid = verification.Valid, Events = verification.Events, Head = verification.Head };
    }
}
