using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Campaigns;

/// <summary>
/// A bulk deletion campaign, keyed by campaign id. It selects its people into a durable item list and
/// erases them chunk by chunk (the same rules as a rights request, legal holds included), the chunks of those
/// already selected while selection goes on; each turn saves its new items, its chunk's outcomes and both
/// cursors in one commit, so a restart resumes where it stopped and every selected person is accounted for
/// exactly once.
/// </summary>
public interface ICampaignGrain : IGrainWithStringKey
{
    Task<CampaignView> StartAsync(NewCampaign campaign, Actor actor);

    [ReadOnly]
    Task<CampaignView?> GetAsync();

    /// <summary>Pauses a running campaign; a paused one stays paused; one that has ended is a conflict.</summary>
    Task<CampaignView> PauseAsync(Actor actor);

    /// <summary>Resumes a paused campaign; a running one stays running; one that has ended is a conflict.</summary>
    Task<CampaignView> ResumeAsync(Actor actor);

    /// <summary>Cancels a campaign that has not ended; a cancelled one stays cancelled; a completed or failed one is a conflict.</summary>
    Task<CampaignView> CancelAsync(Actor actor);

    /// <summary>Called at start-up for a campaign holding a work reminder: a running one goes on at once.</summary>
    Task ResumeWorkAsync();
}
