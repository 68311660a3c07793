using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Ledger;

namespace PrivacyLedger.Gateway.Grpc;

/// <summary>AIP-158 paging: <c>page_size</c> 0 takes the list's default; beyond its maximum is refused, as over HTTP.</summary>
public static class GrpcPaging
{
    public static int PageSize(int pageSize, int defaultSize, int maxSize)
    {
        if (pageSize == 0)
        {
            return defaultSize;
        }
        return pageSize < 0 || pageSize > maxSize
            ? throw new LedgerValidationException("page_size", WireTypes.WholeNumberBetween("page_size", 1, maxSize))
            : pageSize;
    }
}
