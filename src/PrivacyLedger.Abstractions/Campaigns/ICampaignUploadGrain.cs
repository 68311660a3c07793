using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Campaigns;

/// <summary>
/// A list of subject ids uploaded for a campaign (up to millions), kept as an ordered set so a campaign can
/// select from it a page at a time. Keyed by upload id.
/// </summary>
public interface ICampaignUploadGrain : IGrainWithStringKey
{
    /// <summary>Adds ids (duplicates collapse, also across calls); returns how many distinct ids the upload holds.</summary>
    Task<long> AppendAsync(IReadOnlyList<string> subjectIds);

    [ReadOnly]
    Task<long> CountAsync();
}
