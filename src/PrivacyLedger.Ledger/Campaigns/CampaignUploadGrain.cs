using Orleans;
using PrivacyLedger.Storage;
using PrivacyLedger.Storage.Orleans;

namespace PrivacyLedger.Ledger.Campaigns;

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
