using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Subjects;
using Orleans;
using Orleans.Runtime;
using PrivacyLedger.Storage;
using PrivacyLedger.Storage.Orleans;
using PrivacyLedger.Ledger.Hosting;

namespace PrivacyLedger.Ledger.Campaigns;

[GrainType("campaign")]
public sealed class CampaignGrain(
    [DurableState] IDurableState<CampaignState> state,
    IGrainFactory grains,
    RegisterCatalog catalog,
    RegisterMembers members,
    IOrderedSetStore sets,
    IOptions<LedgerOptions> options,
    [FromKeyedServices(LedgerClock.Key)] TimeProvider clock)
    : Grain, ICampaignGrain, IRemindable
{
    internal const string ResumeReminder = "resume";
    // 500, not 200: a cold purge waits on each turn's storage round trips (items, activations' reads, writes, the
    // campaign's commit), and bigger turns share them; a crash repeats at most one turn's people, idempotently.
    private const int ChunkSize = 500;
    private const int SelectionPage = 1_000;
    private const int SampleSize = 20;
    // As many people in flight as a chunk holds: their state writes then share round trips (group commit).
    private const int Parallelism = ChunkSize;
    private IDisposable? _nextChunk;

    private CampaignState State => state.State;

    private string Key => this.GetPrimaryKeyString();

    /// <summary>A page of selection: the people selected, the last entry looked at, and whether more may follow.</summary>
    private sealed record SelectedPage(string[] SubjectIds, string? Cursor, bool More);

    /// <summary>A chunk's items as read and their outcomes, in the same order.</summary>
    private sealed record ChunkOutcome(IReadOnlyList<CampaignItem> Items, CampaignItem[] Outcomes);

    private string ItemSet => CampaignItems.SetFor(Key);

    // Made once per activation: every person the campaign processes is erased in its name.
    private Actor? _operator;

    private Actor Operator => _operator ??= new($"campaign-{Key}", "system");

    public async Task<CampaignView> StartAsync(NewCampaign campaign, Actor actor)
    {
        if (State.CampaignId is not null)
        {
            return View();
        }
        await ValidateAsync(campaign);
        State.CampaignId = Key;
        State.Kind = campaign.Kind;
        State.RegisterId = campaign.RegisterId;
        State.InactiveSince = campaign.Selector.InactiveSince;
        State.RetentionExpired = campaign.Selector.RetentionExpired;
        State.UploadId = campaign.Selector.SubjectIdsUpload;
        State.DryRun = campaign.DryRun;
        State.MaxPerSecond = campaign.MaxPerSecond;
        State.CreatedAt = clock.GetUtcNow();
        State.Status = CampaignStatus.Running;
        State.Selecting = campaign.Selector.SubjectIds is null;

        // A listed selection is written as items now, a few thousand per commit; a register or an upload is
        // selected a page per turn in later turns, beside the processing of the people already selected.
        if (campaign.Selector.SubjectIds is { } listed)
        {
            foreach (var chunk in listed.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).Chunk(5_000))
            {
                await SaveAsync(Select(chunk));
            }
        }
        await this.RegisterOrUpdateReminder(ResumeReminder, options.Value.RequestWorkInterval, options.Value.RequestWorkInterval);
        await SaveAsync([]);
        ScheduleNextChunk(TimeSpan.Zero);
        return View();
    }

    public Task<CampaignView?> GetAsync() => Task.FromResult(State.CampaignId is null ? null : View());

    /// <summary>Pausing a paused campaign changes nothing; a campaign that has ended cannot be paused (409).</summary>
    public async Task<CampaignView> PauseAsync(Actor actor)
    {
        EnsureNotEnded("paused");
        if (State.Status == CampaignStatus.Running)
        {
            State.Status = CampaignStatus.Paused;
            _nextChunk?.Dispose();
            await this.UnregisterReminderAsync(ResumeReminder);
            await SaveAsync([]);
        }
        return View();
    }

    /// <summary>Resuming a running campaign changes nothing; a campaign that has ended cannot be resumed (409).</summary>
    public async Task<CampaignView> ResumeAsync(Actor actor)
    {
        EnsureNotEnded("resumed");
        if (State.Status == CampaignStatus.Paused)
        {
            State.Status = CampaignStatus.Running;
            await this.RegisterOrUpdateReminder(ResumeReminder, options.Value.RequestWorkInterval, options.Value.RequestWorkInterval);
            await SaveAsync([]);
            ScheduleNextChunk(TimeSpan.Zero);
        }
        return View();
    }

    /// <summary>Cancelling a cancelled campaign changes nothing (a retried cancel); a completed or failed one cannot be cancelled (409).</summary>
    public async Task<CampaignView> CancelAsync(Actor actor)
    {
        if (State.Status != CampaignStatus.Cancelled)
        {
            EnsureNotEnded("cancelled");
            State.Status = CampaignStatus.Cancelled;
            State.CompletedAt = clock.GetUtcNow();
            _nextChunk?.Dispose();
            await this.UnregisterReminderAsync(ResumeReminder);
            await SaveAsync([]);
        }
        return View();
    }

    /// <summary>At start-up (<see cref="Hosting.LeftoverWorkResumer"/>): a running campaign goes on now rather than at its reminder's next tick.</summary>
    public Task ResumeWorkAsync() => ReceiveReminder(ResumeReminder, default);

    /// <summary>After a restart nothing is in memory: the reminder picks the campaign up where its last commit left it.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Status != CampaignStatus.Running)
        {
            await this.UnregisterReminderAsync(ResumeReminder);
            return;
        }
        if (_nextChunk is null)
        {
            ScheduleNextChunk(TimeSpan.Zero);
        }
    }

    private void ScheduleNextChunk(TimeSpan delay)
    {
        _nextChunk?.Dispose();
        _nextChunk = this.RegisterGrainTimer(RunChunkAsync, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// One turn of work: while selecting, the next page of selection and a chunk of the people already selected
    /// side by side; then the new items, the chunk's outcomes, the counters and both cursors in one commit; then
    /// the next turn is scheduled, paced by maxPerSecond.
    /// </summary>
    private async Task RunChunkAsync()
    {
        _nextChunk = null;
        if (State.Status != CampaignStatus.Running)
        {
            return;
        }
        var started = clock.GetTimestamp();
        // Items are ordered by subject id and selection walks its source in that order, so every item the chunk
        // reads (committed by earlier turns) lies before the selection cursor: neither read sees the other's people.
        // Both only read the state; it changes below, once both are done.
        var selection = State.Selecting ? SelectNextPageAsync() : Task.FromResult<SelectedPage?>(null);
        var chunk = !State.DryRun && State.Processed < State.Total ? ProcessChunkAsync() : Task.FromResult<ChunkOutcome?>(null);
        await Task.WhenAll(selection, chunk);

        var changes = new List<SetEntryChange>();
        var done = 0;
        var processing = TimeSpan.Zero;
        if (await chunk is { } outcome)
        {
            done = outcome.Items.Count;
            changes.AddRange(Account(outcome));
            processing = clock.GetElapsedTime(started);
            State.RunningSeconds += processing.TotalSeconds;
        }
        else if (!State.Selecting && !State.DryRun)
        {
            // Nothing left after the cursor and nothing more to come: whatever the counters say, all is processed.
            State.Processed = State.Total;
        }
        if (await selection is { } page)
        {
            changes.AddRange(Select(page.SubjectIds));
            State.SelectionCursor = page.Cursor;
            State.Selecting = page.More;
        }
        // One commit per turn: a crash repeats at most the chunk in flight and the page being selected, and
        // counts nobody twice.
        await SaveAsync(changes);

        // Pacing: a chunk of n people takes at least n / maxPerSecond seconds; the rate counts that time too.
        var minimum = State.MaxPerSecond is { } max && done > 0 ? TimeSpan.FromSeconds((double)done / max) : TimeSpan.Zero;
        var elapsed = clock.GetElapsedTime(started);
        var wait = minimum > elapsed ? minimum - elapsed : TimeSpan.Zero;
        // The chunk's commit counts too (it came after the time above was stored): the turn then counts at least
        // minimum, so the rate shown never exceeds maxPerSecond.
        if (done > 0)
        {
            State.RunningSeconds += (elapsed - processing + wait).TotalSeconds;
        }
        if (!State.Selecting && (State.DryRun || State.Processed >= State.Total))
        {
            State.Status = CampaignStatus.Completed;
            State.CompletedAt = clock.GetUtcNow();
            await this.UnregisterReminderAsync(ResumeReminder);
            await SaveAsync([]);
            return;
        }
        ScheduleNextChunk(wait);
    }

    /// <summary>The next page of selection, from the uploaded list or from the register's members by inactivity or expired retention.</summary>
    private async Task<SelectedPage?> SelectNextPageAsync()
    {
        if (State.UploadId is { } uploadId)
        {
            var page = await sets.ListAsync(CampaignUploadGrain.SetFor(uploadId), State.SelectionCursor, SelectionPage);
            return new SelectedPage([.. page.Select(entry => entry.Member)], page.Count > 0 ? page[^1].Member : State.SelectionCursor, page.Count == SelectionPage);
        }
        var listed = await members.ListAsync(State.RegisterId!, State.SelectionCursor, SelectionPage, openExternalIds: false);
        string[] selected = [.. listed.Items.Where(member => State.InactiveSince is not { } since || (member.LastActivityAt ?? member.Since) < since)
            .Select(member => member.SubjectId)];
        if (State.RetentionExpired)
        {
            selected = await RetentionExpiredAsync(selected);
        }
        return new SelectedPage(selected, listed.Items.Count > 0 ? listed.Items[^1].SubjectId : State.SelectionCursor, listed.Next is not null);
    }

    /// <summary>Those of the people whose retention in the campaign's register has run out, as each subject judges by its own state.</summary>
    private async Task<string[]> RetentionExpiredAsync(string[] subjectIds)
    {
        var expired = new bool[subjectIds.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, subjectIds.Length), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
            expired[i] = await grains.GetGrain<ISubjectGrain>(subjectIds[i]).IsRetentionExpiredAsync(State.RegisterId!));
        return [.. subjectIds.Where((_, i) => expired[i])];
    }

    /// <summary>Counts people in (and into the dry run's sample); returns their items, to commit with the selection's progress.</summary>
    private List<SetEntryChange> Select(IReadOnlyCollection<string> subjectIds)
    {
        State.Total += subjectIds.Count;
        State.Sample.AddRange(subjectIds.Take(SampleSize - State.Sample.Count));
        return [.. subjectIds.Select(id => Item(new CampaignItem(id, CampaignItemStatus.Selected)))];
    }

    /// <summary>Erases the next chunk of selected people; null when no item is left after the process cursor. Changes no state.</summary>
    private async Task<ChunkOutcome?> ProcessChunkAsync()
    {
        var size = State.MaxPerSecond is { } max ? Math.Clamp(max, 1, ChunkSize) : ChunkSize;
        var page = await sets.ListAsync(ItemSet, State.ProcessCursor, size);
        if (page.Count == 0)
        {
            return null;
        }
        var items = page.Select(entry => JsonSerializer.Deserialize<CampaignItem>(entry.Payload, LedgerJson.Options)!).ToList();
        var outcomes = new CampaignItem[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
            outcomes[i] = items[i].Status == CampaignItemStatus.Selected ? await ProcessPersonAsync(items[i].SubjectId) : items[i]);
        return new ChunkOutcome(items, outcomes);
    }

    /// <summary>Counts a chunk's outcomes and moves the process cursor past it; returns the items' final statuses to commit.</summary>
    private IEnumerable<SetEntryChange> Account(ChunkOutcome chunk)
    {
        foreach (var (before, after) in chunk.Items.Zip(chunk.Outcomes))
        {
            if (before.Status != CampaignItemStatus.Selected)
            {
                continue; // Counted in the commit that gave it its final status.
            }
            State.Processed++;
            this.Metrics().CampaignItemProcessed(State.Kind, after.Status);
            switch (after.Status)
            {
                case CampaignItemStatus.Erased: State.Erased++; break;
                case CampaignItemStatus.Held: State.Held++; break;
                case CampaignItemStatus.Failed: State.Failed++; break;
                default: State.Skipped++; break;
            }
        }
        State.ProcessCursor = chunk.Items[^1].SubjectId;
        return chunk.Outcomes.Select(Item);
    }

    /// <summary>The same rules as an erasure request, for one person: every register (erasure) or one register (purge).</summary>
    private async Task<CampaignItem> ProcessPersonAsync(string subjectId)
    {
        try
        {
            // One call and one commit per person (full erasure included when no register is left), so a chunk's
            // people share the batched store's round trips. Retention is judged again in that same turn.
            var command = new ErasureCommand(Key, State.Kind == CampaignKind.Erasure ? null : State.RegisterId, State.RetentionExpired ? State.RegisterId : null);
            var erasure = await grains.GetGrain<ISubjectGrain>(subjectId).EraseAsync(command, Operator);
            if (erasure.RetentionNotExpired)
            {
                return new CampaignItem(subjectId, CampaignItemStatus.Skipped, $"retention in {State.RegisterId} no longer expired");
            }
            if (erasure.Registers.Count == 0)
            {
                return new CampaignItem(subjectId, CampaignItemStatus.Skipped, State.Kind == CampaignKind.Erasure ? "unknown or already erased" : "not a member");
            }
            var held = erasure.Registers
                .Where(register => register.Outcome.Status is RightsTaskStatus.Held or RightsTaskStatus.AwaitingConfirmation)
                .Select(register => register.Outcome.Status == RightsTaskStatus.Held
                    ? $"{register.RegisterId} held until {register.Outcome.HeldUntil:yyyy-MM-dd}"
                    : $"{register.RegisterId} awaiting confirmation")
                .ToList();
            return held.Count > 0
                ? new CampaignItem(subjectId, CampaignItemStatus.Held, string.Join("; ", held))
                : new CampaignItem(subjectId, CampaignItemStatus.Erased);
        }
        catch (Exception exception) when (exception is LedgerNotFoundException or LedgerValidationException or LedgerConflictException)
        {
            return new CampaignItem(subjectId, CampaignItemStatus.Failed, exception.Message);
        }
    }

    private async Task ValidateAsync(NewCampaign campaign)
    {
        if (campaign.MaxPerSecond is < 1)
        {
            throw new LedgerValidationException("maxPerSecond", "maxPerSecond must be 1 or more.");
        }
        if (campaign.Kind == CampaignKind.RegisterPurge && campaign.RegisterId is null)
        {
            throw new LedgerValidationException("registerId", "A register purge names its register.");
        }
        if (campaign.RegisterId is { } registerId && await catalog.FindAsync(registerId) is null)
        {
            throw new LedgerNotFoundException($"Register '{registerId}'");
        }
        var selector = campaign.Selector;
        var ways = new[] { selector.SubjectIds is not null, selector.SubjectIdsUpload is not null, selector.InactiveSince is not null, selector.RetentionExpired }.Count(given => given);
        if (ways != 1)
        {
            throw new LedgerValidationException("selector", "Select people by exactly one of subjectIds, subjectIdsUpload, inactiveSince or retentionExpired.");
        }
        if (selector.SubjectIdsUpload is { } upload && await grains.GetGrain<ICampaignUploadGrain>(upload).CountAsync() == 0)
        {
            throw new LedgerValidationException("selector.subjectIdsUpload", $"Upload '{upload}' is unknown or empty.");
        }
        if (selector.InactiveSince is not null && campaign.RegisterId is null)
        {
            throw new LedgerValidationException("registerId", "inactiveSince selects among one register's members: name the register.");
        }
        if (selector.RetentionExpired && campaign.RegisterId is null)
        {
            // Retention rules belong to a register's categories, so "expired" only means something in one register.
            throw new LedgerValidationException("registerId", "retentionExpired selects among one register's members by its retention rules: name the register.");
        }
    }

    private SetEntryChange Item(CampaignItem item) => new(ItemSet, item.SubjectId, JsonSerializer.SerializeToUtf8Bytes(item, LedgerJson.Options));

    // The campaign's entry in the directory (the list of campaigns) commits with its state, so it is as fresh as the campaign.
    private Task SaveAsync(IReadOnlyList<SetEntryChange> items) => state.WriteStateAsync(new StateChanges([], [.. items, CampaignDirectory.Entry(View())]));

    private void EnsureExists()
    {
        if (State.CampaignId is null)
        {
            throw new LedgerNotFoundException($"Campaign '{Key}'");
        }
    }

    /// <summary>Completed, cancelled and failed are final: nothing can be done to such a campaign any more.</summary>
    private void EnsureNotEnded(string change)
    {
        EnsureExists();
        if (State.Status is CampaignStatus.Completed or CampaignStatus.Cancelled or CampaignStatus.Failed)
        {
            var status = JsonSerializer.Serialize(State.Status, LedgerJson.Options).Trim('"');
            throw new LedgerConflictException($"Campaign '{Key}' is {status}; a campaign that has ended cannot be {change}.");
        }
    }

    private CampaignView View()
    {
        var rate = State.RunningSeconds > 0 ? State.Processed / State.RunningSeconds : 0;
        double? eta = State.Status == CampaignStatus.Running && rate > 0 ? (State.Total - State.Processed) / rate : null;
        return new CampaignView(Key, State.Kind, State.RegisterId, State.Status, State.DryRun, State.Selecting, State.Total, State.Processed, State.Erased,
            State.Held, State.Failed, State.Skipped, Math.Round(rate, 1), eta is null ? null : Math.Round(eta.Value, 1), State.MaxPerSecond, State.Sample,
            State.CreatedAt, State.CompletedAt);
    }
}
