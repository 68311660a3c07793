using Orleans;
using Orleans.Concurrency;
using PrivacyLedger.Storage;
using PrivacyLedger.Storage.Orleans;

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

public sealed class CampaignUploadState
{
    public long Appended { get; set; }
}

[GrainType("campaign-upload")]
public sealed class CampaignUploadGrain([DurableState] IDurableState<CampaignUploadState> state, IOrderedSetStore sets) : Grain, ICampaignUploadGrain
{
    private CampaignUploadState State => state.State;

    private string Key => this.GetPrimaryKeyString();

    public static string SetFor(string uploadId) => $"campaign-uploads/{uploadId}";

    private static readonly byte[] Empty = [];

    public async Task<long> AppendAsync(IReadOnlyList<string> subjectIds)
    {
        var set = SetFor(Key);
        var distinct = subjectIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        await state.WriteStateAsync(new StateChanges([], [.. distinct.Select(id => new SetEntryChange(set, id, Empty))]));
        // The set collapses ids repeated across calls; its size is the count of distinct people.
        State.Appended = await sets.CountAsync(set);
        await state.WriteStateAsync();
        return State.Appended;
    }

    public Task<long> CountAsync() => Task.FromResult(State.Appended);
}
