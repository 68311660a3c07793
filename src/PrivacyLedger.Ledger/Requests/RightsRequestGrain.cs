using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Receipts;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;
using Orleans;
using Orleans.Runtime;
using PrivacyLedger.Storage;
using PrivacyLedger.Storage.Orleans;
using PrivacyLedger.Ledger.Hosting;

namespace PrivacyLedger.Ledger.Requests;

[GrainType("rights-request")]
public sealed class RightsRequestGrain(
    [DurableState] IDurableState<RequestState> state,
    IGrainFactory grains,
    RegisterCatalog catalog,
    INotificationSender notifications,
    IOptions<LedgerOptions> options,
    ReceiptIssuer receipts,
    DataKeyVault keys,
    [FromKeyedServices(LedgerClock.Key)] TimeProvider clock)
    : Grain, IRightsRequestGrain, IRemindable
{
    /// <summary>The ordered set behind the privacy officer's queue; request ids are time-ordered.</summary>
    public const string QueueSet = "rights-requests";

    private const string WorkReminder = "work";

    private const string NothingToEraseAnswer =
        "No personal data of yours was held in the registers concerned, so nothing was erased.";

    // Orleans reminders take due times up to about 49 days; a longer hold is woken to look again and sleep on.
    private static readonly TimeSpan LongestReminderDue = TimeSpan.FromDays(30);

    private RequestState State => state.State;

    private string Key => this.GetPrimaryKeyString();

    private ISubjectGrain Subject => grains.GetGrain<ISubjectGrain>(State.SubjectId);

    private Actor Processor => new($"request-{Key}", "system");

    public async Task<RequestView> CreateAsync(NewRequest request, Actor actor)
    {
        if (State.RequestId is not null)
        {
            return State.SubjectId == request.SubjectId && State.Type == request.Type
                ? await ViewAsync()
                : throw new LedgerConflictException($"Request '{Key}' exists with other contents.");
        }
        ValidateDetails(request);
        await EnsureRegistersExistAsync(request.Registers);
        var now = clock.GetUtcNow();
        var receivedAt = request.ReceivedAt ?? now;
        TimeBounds.EnsureReceivable(receivedAt, now, "receivedAt");
        var subject = grains.GetGrain<ISubjectGrain>(request.SubjectId);
        var admission = await subject.RecordRequestAsync(Key, request.Type, receivedAt, actor);
        var memberships = await subject.GetMembershipsAsync();

        State.RequestId = Key;
        State.Type = request.Type;
        State.SubjectId = request.SubjectId;
        State.Channel = request.Channel;
        State.ReceivedAt = receivedAt;
        State.OriginalDueAt = State.DueAt = Deadlines.DueAt(receivedAt);
        State.Registers = request.Registers?.ToList();
        State.Details = request.Details;
        State.Status = RequestStatus.Received;
        State.Fee = admission.PreviousAccessRequestAt is { } previous
            ? new Fee(true, $"A further access request within 12 months of the one received on {previous:yyyy-MM-dd}: a reasonable fee may be charged, or the request refused as excessive (GDPR Art. 12(5), 15(3)).")
            : new Fee(false, null);
        foreach (var registerId in InScope(memberships))
        {
            if ((await catalog.FindAsync(registerId))?.Rights.DeadlineMonths is > 1 and var months)
            {
                State.Flags.Add($"register-states-longer-deadline:{registerId}:{months}-months");
            }
        }
        await SaveAsync();
        return await ViewAsync();
    }

    public async Task<RequestView?> GetAsync() => State.RequestId is null ? null : await ViewAsync();

    public async Task<RequestView> VerifyAsync(VerificationMethod method, string verifiedBy, Actor actor)
    {
        EnsureExists();
        if (State.Status != RequestStatus.Received)
        {
            throw new LedgerConflictException($"The request is {Wire(State.Status)}; only a received request is verified.");
        }
        State.Verification = new VerificationRecord(method, verifiedBy, clock.GetUtcNow());
        State.Status = RequestStatus.Verified;
        var memberships = await Subject.GetMembershipsAsync();
        State.Tasks = [.. InScope(memberships).Select(registerId => new TaskRecord(registerId, ActionFor(State.Type), RightsTaskStatus.Pending))];
        State.Status = RequestStatus.InProgress;
        // The reminder exists before the first task runs: a crash from here on is resumed by it.
        await this.RegisterOrUpdateReminder(WorkReminder, options.Value.RequestWorkInterval, options.Value.RequestWorkInterval);
        await SaveAsync();
        await ProcessAsync();
        return await ViewAsync();
    }

    public async Task<RequestView> ExtendAsync(int months, string reason, Actor actor)
    {
        EnsureExists();
        EnsureOpen();
        if (months is < 1 or > Deadlines.MaxExtensionMonths)
        {
            throw new LedgerValidationException("months", $"months must be 1 or {Deadlines.MaxExtensionMonths}: the deadline can be extended by one or two further months (GDPR Art. 12(3)).");
        }
        var total = (State.Extension?.Months ?? 0) + months;
        if (total > Deadlines.MaxExtensionMonths)
        {
            throw new LedgerValidationException("months", $"The deadline can be extended by at most {Deadlines.MaxExtensionMonths} months in total.");
        }
        if (clock.GetUtcNow() >= State.OriginalDueAt)
        {
            throw new LedgerConflictException("An extension must be given, with its reasons, within the first month (GDPR Art. 12(3)).");
        }
        State.Extension = new ExtensionRecord(total, reason, clock.GetUtcNow());
        State.DueAt = State.OriginalDueAt.AddMonths(total);
        await SaveAsync();
        return await ViewAsync();
    }

    public async Task<RequestView> RefuseAsync(RefusalReason reason, string explanation, Actor actor)
    {
        EnsureExists();
        EnsureOpen();
        State.Refusal = new RefusalRecord(reason, explanation, clock.GetUtcNow());
        State.Status = RequestStatus.Refused;
        State.Receipt = await receipts.IssueAsync(await ViewAsync(), State.Receipt);
        await this.UnregisterReminderAsync(WorkReminder);
        await SaveAsync();
        return await ViewAsync();
    }

    public async Task<RequestView> CancelAsync(string reason, Actor actor)
    {
        EnsureExists();
        EnsureOpen();
        State.Status = RequestStatus.Cancelled;
        State.Refusal = null;
        await this.UnregisterReminderAsync(WorkReminder);
        await SaveAsync();
        return await ViewAsync();
    }

    public async Task<RequestView> ConfirmTaskAsync(string registerId, string confirmedBy, string evidence, Actor actor)
    {
        EnsureExists();
        var index = State.Tasks.FindIndex(task => task.RegisterId == registerId);
        if (index < 0)
        {
            throw new LedgerNotFoundException($"A task for register '{registerId}'");
        }
        if (State.Tasks[index].Status != RightsTaskStatus.AwaitingConfirmation)
        {
            throw new LedgerConflictException($"The task for register '{registerId}' is not awaiting confirmation.");
        }
        State.Tasks[index] = State.Tasks[index] with
        {
            Status = RightsTaskStatus.Pending,
            Confirmation = new ConfirmationRecord(confirmedBy, clock.GetUtcNow(), evidence),
        };
        await SaveAsync();
        await ProcessAsync();
        return await ViewAsync();
    }

    public async Task<JsonObject> ExportAsync(Actor actor)
    {
        EnsureExists();
        if (State.Type is not (RequestType.Access or RequestType.Portability))
        {
            throw new LedgerConflictException("Only access and portability requests have an export.");
        }
        if (State.Verification is null)
        {
            throw new LedgerConflictException("Nothing is disclosed before the person's identity is verified.");
        }
        if (State.Status != RequestStatus.Completed)
        {
            throw new LedgerConflictException($"The request is {Wire(State.Status)}; the export is ready when it is completed.");
        }
        var export = await Subject.ExportAsync(Key, State.Type == RequestType.Portability, actor);
        export["requestId"] = Key;
        export["complaintNotice"] = ComplaintNotice.Text;
        return export;
    }

    /// <summary>At start-up: tasks or notifications left over go on now rather than at the reminder's next tick (a hold waits for its own).</summary>
    public Task ResumeWorkAsync() =>
        State.Status == RequestStatus.InProgress || State.Notifications.Exists(n => n.Status == NotificationStatus.Pending)
            ? ReceiveReminder(WorkReminder, default)
            : Task.CompletedTask;

    public Task<string> GetReceiptAsync()
    {
        EnsureExists();
        return State.Receipt is { } receipt
            ? Task.FromResult(receipt.Jws)
            : throw new LedgerConflictException($"The request is {Wire(State.Status)}; a receipt is issued when it is completed, partially completed or refused.");
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.RequestId is null || (Deadlines.IsFinal(State.Status) && !State.Notifications.Exists(n => n.Status == NotificationStatus.Pending)))
        {
            await this.UnregisterReminderAsync(WorkReminder);
            return;
        }
        await ProcessAsync();
    }

    /// <summary>
    /// Runs every task that can run now (pending, or held past its date), saving after each one so a crash
    /// loses nothing; then settles the status, delivers notifications and schedules the next wake-up.
    /// </summary>
    private async Task ProcessAsync()
    {
        if (State.Status is RequestStatus.InProgress or RequestStatus.PartiallyCompleted)
        {
            // The tasks carry the request's details and confirmations to the person in clear.
            await OpenAsync();
            await RunDueTasksAsync();
        }
        // Notifications are retried whatever the request's status, until delivered or given up.
        await DeliverNotificationsAsync();
        State.Receipt = await receipts.IssueAsync(await ViewAsync(), State.Receipt);
        await SaveAsync();
        await ScheduleNextWakeUpAsync();
    }

    private async Task RunDueTasksAsync()
    {
        var now = clock.GetUtcNow();
        for (var i = 0; i < State.Tasks.Count; i++)
        {
            var task = State.Tasks[i];
            var due = task.Status == RightsTaskStatus.Pending || (task.Status == RightsTaskStatus.Held && task.HeldUntil <= now);
            if (!due)
            {
                continue;
            }
            RightsTaskOutcome outcome;
            try
            {
                outcome = await Subject.ExecuteRightsTaskAsync(new RightsTaskCommand(Key, State.Type, task.RegisterId, State.Details?.Opened, task.Confirmation?.ToView()), Processor);
            }
            catch (Exception exception) when (exception is LedgerNotFoundException or LedgerValidationException or LedgerConflictException)
            {
                outcome = new RightsTaskOutcome(RightsTaskStatus.Failed, Note: exception.Message);
            }
            State.Tasks[i] = task with { Status = outcome.Status, HeldUntil = outcome.HeldUntil, HoldReason = outcome.HoldReason, Note = outcome.Note ?? task.Note };
            if (outcome.Status is RightsTaskStatus.Done or RightsTaskStatus.Held)
            {
                await AddNotificationsAsync(task.RegisterId);
            }
            await SaveAsync();
        }

        if (State.Type == RequestType.Erasure && !State.ErasureFinished && State.Tasks.TrueForAll(task => task.Status == RightsTaskStatus.Done))
        {
            State.ErasureFinished = await Subject.FinishErasureAsync(Key, Processor);
            if (State.ErasureFinished)
            {
                // The person's key is destroyed: what this activation opened goes too, as a new one could not open it.
                State.ForgetOpened();
            }
        }
        State.Status = State.Tasks.Exists(task => task.Status is RightsTaskStatus.Pending or RightsTaskStatus.AwaitingConfirmation) ? RequestStatus.InProgress
            : State.Tasks.TrueForAll(task => task.Status == RightsTaskStatus.Done) ? RequestStatus.Completed
            : RequestStatus.PartiallyCompleted;
        if (State.Type == RequestType.Erasure && State.Status == RequestStatus.Completed && State.Outcome is null)
        {
            State.Outcome = await ConcludeErasureAsync();
        }
    }

    /// <summary>
    /// An erasure that found the person in none of its registers (and so did not erase the person either) erased
    /// nothing: the subject's ledger says so before the request does, so a crash in between only asks the subject again.
    /// </summary>
    private async Task<RequestOutcome> ConcludeErasureAsync()
    {
        if (State.ErasureFinished || !State.Tasks.TrueForAll(task => task.Note == RightsTaskOutcome.NotAMember))
        {
            return RequestOutcome.Erased;
        }
        await Subject.RecordNothingToEraseAsync(Key, Processor);
        return RequestOutcome.NothingToErase;
    }

    /// <summary>R7: the register's recipients that asked to be told get a notification of rectification, erasure and restriction.</summary>
    private async Task AddNotificationsAsync(string registerId)
    {
        if (State.Type is not (RequestType.Rectification or RequestType.Erasure or RequestType.Restriction)
            || State.Notifications.Exists(notification => notification.RegisterId == registerId))
        {
            return;
        }
        var register = await catalog.FindAsync(registerId);
        foreach (var recipient in register?.Recipients.Where(recipient => recipient.Notify) ?? [])
        {
            State.Notifications.Add(new Notification($"{Key}-{registerId}-{recipient.Id}", registerId, recipient.Id, recipient.Name,
                Wire(State.Type), NotificationStatus.Pending, 0, null, null));
        }
    }

    private async Task DeliverNotificationsAsync()
    {
        for (var i = 0; i < State.Notifications.Count; i++)
        {
            var notification = State.Notifications[i];
            if (notification.Status != NotificationStatus.Pending)
            {
                continue;
            }
            var now = clock.GetUtcNow();
            if (!notifications.IsConfigured)
            {
                State.Notifications[i] = notification with { Status = NotificationStatus.NotConfigured };
                continue;
            }
            var delivered = await notifications.SendAsync(new NotificationMessage(notification.Id, Key, State.SubjectId, notification.RegisterId,
                notification.RecipientId, notification.Event, now));
            var attempts = notification.Attempts + 1;
            State.Notifications[i] = notification with
            {
                Attempts = attempts,
                LastAttemptAt = now,
                DeliveredAt = delivered ? now : null,
                Status = delivered ? NotificationStatus.Delivered
                    : attempts >= options.Value.NotificationMaxAttempts ? NotificationStatus.Failed
                    : NotificationStatus.Pending,
            };
        }
    }

    private async Task ScheduleNextWakeUpAsync()
    {
        var now = clock.GetUtcNow();
        var interval = options.Value.RequestWorkInterval;
        var busy = State.Status == RequestStatus.InProgress || State.Notifications.Exists(n => n.Status == NotificationStatus.Pending);
        var nextHoldEnd = State.Tasks.Where(task => task.Status == RightsTaskStatus.Held && task.HeldUntil is not null).Min(task => task.HeldUntil);
        if (busy)
        {
            await this.RegisterOrUpdateReminder(WorkReminder, interval, interval);
        }
        else if (nextHoldEnd is { } holdEnd)
        {
            // Repeating at the work interval, not daily: Orleans arms a reminder once it is written, and one whose due
            // time passed meanwhile (a hold ending as the work finishes) first ticks a period later. Each tick
            // reschedules, so the period only counts when a wake-up is missed or fails.
            var dueIn = holdEnd - now;
            await this.RegisterOrUpdateReminder(WorkReminder, dueIn <= TimeSpan.Zero ? TimeSpan.Zero : dueIn < LongestReminderDue ? dueIn : LongestReminderDue, interval);
        }
        else
        {
            await this.UnregisterReminderAsync(WorkReminder);
        }
    }

    private async Task SaveAsync()
    {
        this.Metrics().RequestSaved(State, State.Type, State.Status);
        // Values set in this activation (or read in clear from an earlier version's row) are sealed here, once.
        if (State.HasUnsealed())
        {
            using var sealer = await SealerAsync();
            if (sealer is not null)
            {
                State.SealWith(sealer);
            }
            else
            {
                State.ShredUnsealed();
            }
        }
        // The queue row carries the registers too, for the console's register filter; the API reads it as a RequestQueueEntry.
        var entry = RequestQueueRecord.Of(Key, State);
        await state.WriteStateAsync(StateChanges.Sets(new SetEntryChange(QueueSet, Key, JsonSerializer.SerializeToUtf8Bytes(entry, LedgerJson.Options)), OpenRequests.Entry(Key, State)));
    }

    private IEnumerable<string> InScope(IReadOnlyList<string> memberships) =>
        State.Registers is { Count: > 0 } asked ? memberships.Where(asked.Contains) : memberships;

    private static string ActionFor(RequestType type) => type switch
    {
        RequestType.Access or RequestType.Portability => "export",
        RequestType.Rectification => "rectify",
        RequestType.Erasure => "erase",
        RequestType.Restriction => "restrict",
        RequestType.Objection => "object",
        _ => "withdraw-consent",
    };

    private static void ValidateDetails(NewRequest request)
    {
        switch (request.Type)
        {
            case RequestType.Rectification when request.Details?.Contact is null:
                throw new LedgerValidationException("details.contact", "A rectification names the corrected contact data.");
            case RequestType.Objection when request.Details?.Scope is { } scope && !Vocabulary.ObjectionScopes.Contains(scope):
                throw new LedgerValidationException("details.scope", $"Scopes are {string.Join(", ", Vocabulary.ObjectionScopes)}.");
            case RequestType.Objection when request.Details?.Channels is { } channels:
                Vocabulary.EnsureChannels(channels, "details.channels", allowEmpty: true);
                break;
        }
    }

    /// <summary>A request naming a register that does not exist would find nothing there and end as if it had been carried out.</summary>
    private async Task EnsureRegistersExistAsync(IReadOnlyList<string>? registerIds)
    {
        for (var i = 0; i < (registerIds?.Count ?? 0); i++)
        {
            var registerId = registerIds![i];
            if (string.IsNullOrWhiteSpace(registerId))
            {
                throw new LedgerValidationException($"registers[{i}]", "A register id is required.");
            }
            if (await catalog.FindAsync(registerId) is null)
            {
                throw new LedgerValidationException($"registers[{i}]", $"Register '{registerId}' does not exist.");
            }
        }
    }

    private void EnsureExists()
    {
        if (State.RequestId is null)
        {
            throw new LedgerNotFoundException($"Request '{Key}'");
        }
    }

    private void EnsureOpen()
    {
        if (Deadlines.IsFinal(State.Status) || State.Status == RequestStatus.PartiallyCompleted)
        {
            throw new LedgerConflictException($"The request is {Wire(State.Status)} and can no longer change.");
        }
    }

    private static string Wire<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, LedgerJson.Options).Trim('"');

    /// <summary>The person's data key, to seal and open this request's personal fields; null once destroyed (erased).</summary>
    private async Task<FieldSealer?> SealerAsync() =>
        await keys.TryGetAsync(State.SubjectId) is { } dataKey ? new FieldSealer(State.SubjectId, dataKey) : null;

    /// <summary>Opens the fields still only sealed (once per activation); with the key gone they stay unreadable and show as empty.</summary>
    private async Task OpenAsync()
    {
        if (State.HasUnopened())
        {
            using var sealer = await SealerAsync();
            if (sealer is not null)
            {
                State.OpenWith(sealer);
            }
        }
    }

    private async Task<RequestView> ViewAsync()
    {
        await OpenAsync();
        var now = clock.GetUtcNow();
        return new RequestView(Key, State.Type, State.SubjectId, State.Status, State.Channel, State.ReceivedAt, State.DueAt,
            !Deadlines.IsFinal(State.Status) && State.Status != RequestStatus.PartiallyCompleted && now > State.DueAt,
            State.Fee, State.Verification?.ToView(), State.Extension?.ToView(), State.Refusal?.ToView(), [.. State.Tasks.Select(task => task.ToView())],
            State.Notifications, State.Flags, ComplaintNotice.Text,
            State.Outcome, State.Outcome == RequestOutcome.NothingToErase ? NothingToEraseAnswer : null);
    }
}
