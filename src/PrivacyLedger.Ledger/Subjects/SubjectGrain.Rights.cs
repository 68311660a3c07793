using PrivacyLedger.Storage;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Erasures;
using Microsoft.Extensions.DependencyInjection;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>The subject's side of rights requests: each register's task, the final erasure, the exports.</summary>
public sealed partial class SubjectGrain
{
    private const string SuppressedScope = "direct-marketing";

    public async Task<RequestAdmission> RecordRequestAsync(string requestId, RequestType type, DateTimeOffset receivedAt, Actor actor)
    {
        EnsureExists();
        var previousAccess = type == RequestType.Access ? PreviousAccessBefore(receivedAt) : null;
        if (State.RequestIds.Contains(requestId))
        {
            return new RequestAdmission(previousAccess);
        }
        State.RequestIds.Add(requestId);
        if (type == RequestType.Access)
        {
            State.AccessRequests.Add(receivedAt);
        }
        await CommitOneAsync(actor, LedgerEventTypes.RequestReceived, null, new { type }, requestId);
        return new RequestAdmission(previousAccess);
    }

    /// <summary>The latest access request received in the 12 months before this one.</summary>
    private DateTimeOffset? PreviousAccessBefore(DateTimeOffset receivedAt)
    {
        var earlier = State.AccessRequests.Where(at => at > receivedAt.AddMonths(-12) && at < receivedAt).ToList();
        return earlier.Count == 0 ? null : earlier.Max();
    }

    public async Task<RightsTaskOutcome> ExecuteRightsTaskAsync(RightsTaskCommand command, Actor actor)
    {
        EnsureExists();
        var changes = new LedgerChanges(this, actor, clock.GetUtcNow(), command.RequestId);
        var (outcome, setChanges) = command.Type switch
        {
            RequestType.Access or RequestType.Portability => (new RightsTaskOutcome(RightsTaskStatus.Done), []),
            RequestType.Rectification => (await RectifyAsync(command, changes), []),
            RequestType.Restriction => (await RestrictForRequestAsync(command, changes), []),
            RequestType.Objection => (await ObjectForRequestAsync(command, changes), []),
            RequestType.ConsentWithdrawal => (await WithdrawForRequestAsync(command, changes), []),
            RequestType.Erasure => await EraseInRegisterAsync(command, changes),
            _ => throw new LedgerValidationException("type", $"Unknown request type {command.Type}."),
        };
        await changes.CommitAsync(setChanges);
        return outcome;
    }

    private async Task<RightsTaskOutcome> RectifyAsync(RightsTaskCommand command, LedgerChanges changes)
    {
        // Contact data belongs to the person, not a register: the first register's task applies it, the rest find it done.
        var update = command.Details?.Contact ?? new ContactData();
        var held = State.ContactOpened(await SealerAsync());
        var merged = held.MergedWith(update);
        if (merged != held)
        {
            State.Contact = merged;
            await changes.AddAsync(LedgerEventTypes.ContactRectified, command.RegisterId, new { contact = update, source = command.Details?.Source });
        }
        return new RightsTaskOutcome(RightsTaskStatus.Done);
    }

    private async Task<RightsTaskOutcome> RestrictForRequestAsync(RightsTaskCommand command, LedgerChanges changes)
    {
        if (!State.Restrictions.ContainsKey(command.RegisterId))
        {
            var reason = command.Details?.Reason ?? "restriction requested by the data subject";
            State.Restrictions[command.RegisterId] = new RestrictionRecord(reason, clock.GetUtcNow());
            await changes.AddAsync(LedgerEventTypes.RestrictionSet, command.RegisterId, new { reason });
        }
        return new RightsTaskOutcome(RightsTaskStatus.Done);
    }

    private async Task<RightsTaskOutcome> ObjectForRequestAsync(RightsTaskCommand command, LedgerChanges changes)
    {
        var scope = command.Details?.Scope ?? SuppressedScope;
        var channels = command.Details?.Channels ?? [];
        if (!State.Objections.TryGetValue(scope, out var existing) || !existing.Channels.SequenceEqual(channels))
        {
            State.Objections[scope] = new ObjectionRecord([.. channels], "rights-request", command.RequestId, clock.GetUtcNow());
            await changes.AddAsync(LedgerEventTypes.ObjectionRegistered, null, new { scope, channels, source = "rights-request" });
        }
        return new RightsTaskOutcome(RightsTaskStatus.Done);
    }

    private async Task<RightsTaskOutcome> WithdrawForRequestAsync(RightsTaskCommand command, LedgerChanges changes)
    {
        var purposes = command.Details?.PurposeId is { } one ? [one] : State.Consents.Keys.ToList();
        foreach (var purposeId in purposes)
        {
            if (State.Consents.Remove(purposeId))
            {
                await changes.AddAsync(LedgerEventTypes.ConsentWithdrawn, null, new { purposeId, source = "rights-request" });
            }
        }
        return new RightsTaskOutcome(RightsTaskStatus.Done);
    }

    /// <summary>
    /// R6 in one register: data under a legal hold is kept until its date with the register restricted
    /// meanwhile; data in an external system waits for that system's confirmation; the rest goes now.
    /// </summary>
    private async Task<(RightsTaskOutcome, IReadOnlyList<PrivacyLedger.Storage.SetEntryChange>)> EraseInRegisterAsync(RightsTaskCommand command, LedgerChanges changes)
    {
        var registerId = command.RegisterId;
        if (!State.Memberships.TryGetValue(registerId, out var membership))
        {
            return (new RightsTaskOutcome(RightsTaskStatus.Done, Note: RightsTaskOutcome.NotAMember), []);
        }
        var register = await registers.FindAsync(registerId) ?? throw new LedgerNotFoundException($"Register '{registerId}'");
        var now = clock.GetUtcNow();

        var held = register.Categories
            .Where(category => category.LegalHold is not null && membership.Categories.ContainsKey(category.Id))
            .Select(category => (category, until: membership.Categories[category.Id].CollectedAt.AddYears(category.LegalHold!.Years)))
            .Where(hold => hold.until > now)
            .ToList();
        if (held.Count > 0)
        {
            var heldUntil = held.Max(hold => hold.until);
            var reason = string.Join("; ", held.Select(hold => $"{hold.category.Id}: {hold.category.LegalHold!.Reason}{(hold.category.LegalHold.Law is { } law ? $" ({law})" : "")}").Distinct());
            var keptCategories = held.ToDictionary(hold => hold.category.Id, hold => membership.Categories[hold.category.Id]);
            var kept = membership with { Categories = keptCategories };
            var changed = kept.Categories.Count != membership.Categories.Count || !State.Restrictions.ContainsKey(registerId);
            State.Memberships[registerId] = kept;
            State.Restrictions[registerId] = new RestrictionRecord($"legal hold until {heldUntil:yyyy-MM-dd}", now);
            if (changed)
            {
                await changes.AddAsync(LedgerEventTypes.ErasureHeld, registerId, new { categories = keptCategories.Keys, heldUntil, reason });
            }
            return (new RightsTaskOutcome(RightsTaskStatus.Held, heldUntil, reason), [RegisterMembers.Entry(registerId, kept.EntryFor(Key))]);
        }

        var external = register.Categories.Any(category => category.External && membership.Categories.ContainsKey(category.Id));
        if (external && command.Confirmation is null)
        {
            await changes.AddAsync(LedgerEventTypes.ErasureAwaitingConfirmation, registerId, null);
            return (new RightsTaskOutcome(RightsTaskStatus.AwaitingConfirmation), []);
        }

        State.Memberships.Remove(registerId);
        State.Restrictions.Remove(registerId);
        await changes.AddAsync(LedgerEventTypes.MembershipErased, registerId, new { categories = membership.Categories.Keys, confirmation = command.Confirmation });
        return (new RightsTaskOutcome(RightsTaskStatus.Done), [RegisterMembers.Removal(registerId, Key)]);
    }

    public async Task<bool> FinishErasureAsync(string requestId, Actor actor)
    {
        if (!State.Exists)
        {
            return false;
        }
        if (State.Erased)
        {
            await ReleaseLeftoversAsync();
            return true;
        }
        if (State.Memberships.Count > 0)
        {
            return false;
        }
        await CommitErasureAsync(new LedgerChanges(this, actor, clock.GetUtcNow(), requestId), []);
        return true;
    }

    public async Task RecordNothingToEraseAsync(string requestId, Actor actor)
    {
        // Once per request, even if a crash makes the request ask again; an erased or unknown subject has nothing to add.
        if (!State.Exists || State.Erased || State.NothingToErase.Contains(requestId))
        {
            return;
        }
        State.NothingToErase.Add(requestId);
        // No data: the event says all there is to say, and stays readable if the person is erased later.
        await CommitOneAsync(actor, LedgerEventTypes.ErasureNothingToErase, null, null, requestId);
    }

    public async Task RecordReceiptAsync(string requestId, RequestStatus status, Actor actor)
    {
        var receipt = $"{requestId}/{status}";
        if (!State.Exists || State.ReceiptsRecorded.Contains(receipt))
        {
            return;
        }
        State.ReceiptsRecorded.Add(receipt);
        // No data (the status is in the receipt itself): nothing to seal, so an erased person's ledger takes it too.
        await CommitOneAsync(actor, LedgerEventTypes.ReceiptIssued, null, null, requestId);
    }

    public async Task<ErasureOutcome> EraseAsync(ErasureCommand command, Actor actor)
    {
        if (!State.Exists || State.Erased)
        {
            await ReleaseLeftoversAsync();
            return new ErasureOutcome([], State.Erased);
        }
        List<string> targets = command.RegisterId is not { } registerId ? [.. State.Memberships.Keys.Order(StringComparer.Ordinal)]
            : State.Memberships.ContainsKey(registerId) ? [registerId] : [];
        // Judged in the same turn as the erasure: a campaign may run (or sit paused) long after it selected, and
        // someone whose data was renewed meanwhile (a new collection, new activity) must stay.
        if (targets.Count > 0 && command.RetentionExpiredIn is { } retentionRegister && !await IsRetentionExpiredAsync(retentionRegister))
        {
            return new ErasureOutcome([], SubjectErased: false, RetentionNotExpired: true);
        }
        var requestId = command.RequestId;
        var changes = new LedgerChanges(this, actor, clock.GetUtcNow(), requestId);
        var setChanges = new List<PrivacyLedger.Storage.SetEntryChange>();
        var outcomes = new List<RegisterErasure>(targets.Count);
        foreach (var target in targets)
        {
            var (outcome, changed) = await EraseInRegisterAsync(new RightsTaskCommand(requestId, RequestType.Erasure, target, null, null), changes);
            outcomes.Add(new RegisterErasure(target, outcome));
            setChanges.AddRange(changed);
        }
        if (targets.Count > 0 && State.Memberships.Count == 0)
        {
            await CommitErasureAsync(changes, setChanges);
            return new ErasureOutcome(outcomes, SubjectErased: true);
        }
        await changes.CommitAsync(setChanges);
        return new ErasureOutcome(outcomes, SubjectErased: false);
    }

    /// <summary>
    /// The person's full erasure, committed with <paramref name="changes"/> in one write: contact data and
    /// choices go, and the identifier index entries and the data key are removed in that same transaction,
    /// so no crash can leave the one without the other and there is nothing to finish afterwards.
    /// </summary>
    private async Task CommitErasureAsync(LedgerChanges changes, IReadOnlyList<PrivacyLedger.Storage.SetEntryChange> setChanges)
    {
        // Journalled, durably and outside the database, before the commit that destroys the key: a restore of an older
        // backup brings the key back, and the journal is how it is shredded again (Erasures/ErasureReconciler.cs).
        await ServiceProvider.GetRequiredService<IErasureJournal>().AppendAsync(new ErasureRecord(Key, clock.GetUtcNow()));
        var hashes = State.Identifiers.Select(identifier => identifier.Hash).ToList();
        // The key is destroyed by subject, whatever it is, so it is not looked up (nor unwrapped) to be destroyed; and
        // the turn's events go without data, which no one could ever open again (LedgerChanges.DestroysKey).
        List<PrivacyLedger.Storage.UniqueKeyRelease> releases = [.. hashes.Select(hash => IdentifierIndex.Release(hash, Key)), DataKeyVault.Destruction(Key)];
        changes.DestroysKey();
        if (State.Objections.ContainsKey(SuppressedScope))
        {
            await identifiers.SuppressDirectMarketingAsync(hashes);
        }
        State.ErasedAt = clock.GetUtcNow();
        State.Identifiers = [];
        State.Contact = null;
        State.Consents.Clear();
        State.Restrictions.Clear();
        State.Objections.Clear();
        State.AccessRequests.Clear();
        // The event carries no personal data: it must stay readable as proof once the key is gone.
        await changes.AddAsync(LedgerEventTypes.SubjectErased, null, null);
        await changes.CommitAsync(setChanges, releases);
        _dataKey = null;
        // The destroyed key's prepared AES key goes too, not at deactivation: nothing may open with it any more.
        _sealer?.Sealer.Dispose();
        _sealer = null;
    }

    /// <summary>
    /// A subject erased by an earlier version, which released its index entries and key after the erasure's
    /// commit and kept the hashes until then, may have been cut short by a crash: finish that in one write.
    /// </summary>
    private async Task ReleaseLeftoversAsync()
    {
        if (State.ErasedIdentifierHashes.Count == 0)
        {
            return;
        }
        var releases = State.ErasedIdentifierHashes.Select(hash => IdentifierIndex.Release(IdentifierIndex.Shorten(hash), Key)).ToList();
        if (await keys.TryGetKeyAsync(Key) is { } dataKey)
        {
            releases.Add(DataKeyVault.Destruction(dataKey));
        }
        State.ErasedIdentifierHashes = [];
        await WriteAsync(StateChanges.Releases(releases));
    }

    public Task<IReadOnlyList<string>> GetMembershipsAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. State.Memberships.Keys.Order(StringComparer.Ordinal)]);

    public async Task<JsonObject> ExportAsync(string requestId, bool portability, Actor actor)
    {
        EnsureExists();
        var opener = await OpenerAsync();
        var export = portability ? PortabilityExport(opener) : await AccessExportAsync(opener);
        await CommitOneAsync(actor, LedgerEventTypes.PersonalDataExported, null, new { portability }, requestId);
        return export;
    }

    private JsonObject PortabilityExport(FieldSealer? opener) => new()
    {
        ["format"] = "privacy-ledger/portability/v1",
        ["subjectId"] = Key,
        ["identifiers"] = JsonSerializer.SerializeToNode(State.Identifiers.Where(i => !i.IsIdentityCode).Select(i => new { kind = IdentifierKinds.ToWireName(i.Kind), value = i.DisplayOpened(opener) }), LedgerJson.Options),
        ["contact"] = JsonSerializer.SerializeToNode(State.ContactOpened(opener), LedgerJson.Options),
        ["memberships"] = JsonSerializer.SerializeToNode(State.Memberships.Select(m => new { registerId = m.Key, externalId = m.Value.ExternalIdOpened(opener), m.Value.Since }), LedgerJson.Options),
        ["consents"] = JsonSerializer.SerializeToNode(State.Consents.Select(c => new { purposeId = c.Key, c.Value.Channels, c.Value.GrantedAt }), LedgerJson.Options),
    };

    /// <summary>Everything the ledger knows of the person, across every register, decrypted: the subject's own copy.</summary>
    private async Task<JsonObject> AccessExportAsync(FieldSealer? opener)
    {
        var key = _dataKey?.Key;
        var identifierList = State.Identifiers.Select(identifier => new
        {
            kind = IdentifierKinds.ToWireName(identifier.Kind),
            // R10: the identity code is shown in clear only here, in the person's own export.
            value = identifier.CodeOpened(opener) ?? identifier.DisplayOpened(opener),
        });
        var memberships = new JsonArray();
        foreach (var (registerId, membership) in State.Memberships.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var register = await registers.FindAsync(registerId);
            memberships.Add(JsonSerializer.SerializeToNode(new
            {
                registerId,
                registerName = register?.Name,
                controller = register?.Controller,
                externalId = membership.ExternalIdOpened(opener),
                membership.Since,
                membership.LastActivityAt,
                source = membership.SourceOpened(opener),
                categories = membership.Categories.Select(c =>
                {
                    var definition = register?.Categories.Find(d => d.Id == c.Key);
                    return new { id = c.Key, name = definition?.Name, c.Value.CollectedAt, retention = definition?.Retention, legalHold = definition?.LegalHold, special = definition?.Special ?? false };
                }),
                purposes = register?.Purposes.Select(p => new { p.Id, p.Name, p.LegalBasis }),
                sources = register?.Sources,
                recipients = register?.Recipients.Select(r => new { r.Id, r.Name, r.Description }),
            }, LedgerJson.Options));
        }
        var ledger = new JsonArray();
        long after = 0;
        while (true)
        {
            var page = await streams.ReadAsync(StreamId, after, 1_000);
            foreach (var stored in page)
            {
                ledger.Add(JsonSerializer.SerializeToNode(ToEntry(LedgerStreams.Decode(stored), key), LedgerJson.Options));
                after = stored.Sequence;
            }
            if (page.Count < 1_000)
            {
                break;
            }
        }
        return new JsonObject
        {
            ["format"] = "privacy-ledger/access/v1",
            ["subjectId"] = Key,
            ["identifiers"] = JsonSerializer.SerializeToNode(identifierList, LedgerJson.Options),
            ["contact"] = JsonSerializer.SerializeToNode(State.ContactOpened(opener), LedgerJson.Options),
            ["memberships"] = memberships,
            // As the export has always spelled them, now opened: {purposeId: {channels, source, evidence, grantedAt}}.
            ["consents"] = JsonSerializer.SerializeToNode(State.Consents.ToDictionary(c => c.Key, c => new { c.Value.Channels, source = c.Value.SourceOpened(opener), evidence = c.Value.EvidenceOpened(opener), c.Value.GrantedAt }), LedgerJson.Options),
            ["objections"] = JsonSerializer.SerializeToNode(State.Objections.ToDictionary(o => o.Key, o => new { o.Value.Channels, source = o.Value.SourceOpened(opener), evidence = o.Value.EvidenceOpened(opener), o.Value.At }), LedgerJson.Options),
            ["restrictions"] = JsonSerializer.SerializeToNode(State.Restrictions.ToDictionary(r => r.Key, r => new { reason = r.Value.ReasonOpened(opener), r.Value.At }), LedgerJson.Options),
            ["requests"] = JsonSerializer.SerializeToNode(State.RequestIds, LedgerJson.Options),
            ["ledger"] = ledger,
            ["complaintNotice"] = ComplaintNotice.Text,
        };
    }
}
