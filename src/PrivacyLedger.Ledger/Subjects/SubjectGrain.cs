using Microsoft.Extensions.DependencyInjection;
using System.Text;
using System.Text.Json;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Permissions;
using PrivacyLedger.Ledger.Registers;
using Orleans;
using PrivacyLedger.Storage;
using PrivacyLedger.Storage.Orleans;

namespace PrivacyLedger.Ledger.Subjects;

[GrainType(TypeName)]
public sealed partial class SubjectGrain(
    [DurableState] IDurableState<SubjectState> state,
    RegisterCatalog registers,
    DataKeyVault keys,
    IdentifierIndex identifiers,
    IEventStreamStore streams,
    [FromKeyedServices(LedgerClock.Key)] TimeProvider clock)
    : Grain, ISubjectGrain
{
    /// <summary>The stored grain type name: part of every stored key, never to be renamed.</summary>
    public const string TypeName = "subject";

    private const int VerificationPageSize = 1_000;
    private static readonly ContactData NoContact = new();
    private DataKey? _dataKey;
    private (byte[] Key, FieldSealer Sealer)? _sealer;

    private SubjectState State => state.State;

    private string Key => this.GetPrimaryKeyString();

    private string StreamId => LedgerStreams.For(Key);

    public async Task<EnrolmentOutcome> EnrolAsync(Enrolment enrolment, Actor actor)
    {
        var register = await registers.FindAsync(enrolment.RegisterId) ?? throw new LedgerNotFoundException($"Register '{enrolment.RegisterId}'");
        if (State.Erased)
        {
            throw new LedgerConflictException("This subject has been erased.");
        }
        var now = clock.GetUtcNow();
        EnrolmentRules.EnsureValid(enrolment, register, now);
        var changes = new LedgerChanges(this, actor, now);
        var created = !State.Exists;
        if (created)
        {
            State.SubjectId = Key;
            State.CreatedAt = now;
            await changes.AddAsync(LedgerEventTypes.SubjectCreated, null, null);
        }

        var newIdentifiers = new List<object>();
        foreach (var identifier in enrolment.Identifiers)
        {
            var hash = identifiers.Hash(identifier);
            if (State.Identifiers.Exists(held => held.Hash == hash))
            {
                continue;
            }
            var stored = EnrolmentRules.Protect(identifier, hash);
            State.Identifiers.Add(stored);
            newIdentifiers.Add(new { kind = IdentifierKinds.ToWireName(identifier.Kind), value = stored.DisplayOpened(null) });
        }
        if (newIdentifiers.Count > 0)
        {
            await changes.AddAsync(LedgerEventTypes.IdentifierAdded, null, new { identifiers = newIdentifiers, source = enrolment.Source });
        }

        // Opening the held contact data costs a decryption: an enrolment that gives none (a re-run import) skips it.
        if (enrolment.Contact != NoContact)
        {
            var held = State.ContactOpened(await SealerAsync());
            var contact = held.MergedWith(enrolment.Contact);
            if (contact != held)
            {
                State.Contact = contact;
                await changes.AddAsync(LedgerEventTypes.ContactRectified, enrolment.RegisterId, new { contact = enrolment.Contact, source = enrolment.Source });
            }
        }

        // Enrolling someone again records only what changed: a re-run import must not grow everyone's ledger.
        var memberEntries = new List<SetEntryChange>(1);
        var existing = State.Memberships.GetValueOrDefault(enrolment.RegisterId);
        var membership = EnrolmentRules.Enrol(existing, enrolment, now);
        if (existing is null)
        {
            State.Memberships[enrolment.RegisterId] = membership;
            memberEntries.Add(RegisterMembers.Entry(enrolment.RegisterId, membership.EntryFor(Key)));
            await changes.AddAsync(LedgerEventTypes.MembershipEnrolled, enrolment.RegisterId, new
            {
                externalId = enrolment.ExternalId,
                categories = enrolment.Categories.Select(c => c.Id),
                source = enrolment.Source,
            });
        }
        else if (EnrolmentRules.Changes(existing, membership, enrolment.ExternalId is null ? null : await SealerAsync()) is { } change)
        {
            State.Memberships[enrolment.RegisterId] = membership;
            memberEntries.Add(RegisterMembers.Entry(enrolment.RegisterId, membership.EntryFor(Key)));
            await changes.AddAsync(LedgerEventTypes.MembershipUpdated, enrolment.RegisterId, new
            {
                externalId = change.ExternalIdChanged ? enrolment.ExternalId : null,
                categories = change.Categories,
                lastActivityAt = change.LastActivityChanged ? membership.LastActivityAt : null,
                source = enrolment.Source,
            });
        }

        if (enrolment.DirectMarketingSuppressed && !State.Objections.ContainsKey(SuppressedScope))
        {
            // An erased person who had objected to direct marketing comes back with the objection in force.
            State.Objections[SuppressedScope] = new ObjectionRecord([], "suppression-list", null, now);
            await changes.AddAsync(LedgerEventTypes.ObjectionRegistered, null, new { scope = SuppressedScope, source = "suppression-list" });
        }

        if (changes.IsEmpty)
        {
            return new EnrolmentOutcome(Key, created);
        }
        await changes.CommitAsync(memberEntries);
        return new EnrolmentOutcome(Key, created);
    }

    public async Task<SubjectView> ReadAsync(Actor actor)
    {
        EnsureExists();
        var view = await ToViewAsync();
        var changes = new LedgerChanges(this, actor, clock.GetUtcNow());
        await changes.AddAsync(LedgerEventTypes.PersonalDataRead, null, new { what = "subject" });
        await changes.CommitAsync([]);
        return view;
    }

    public async Task GrantConsentAsync(string purposeId, ConsentChange change, Actor actor)
    {
        // The purpose is checked before the subject, as the API has always answered: 400 for an unknown purpose, even for an unknown subject.
        if (!await registers.PurposeExistsAsync(purposeId))
        {
            throw new LedgerValidationException("purposeId", $"No register defines purpose '{purposeId}'.");
        }
        EnsureExists();
        Vocabulary.EnsureChannels(change.Channels, "channels", allowEmpty: false);
        var record = new ConsentRecord([.. change.Channels.Distinct().Order(StringComparer.Ordinal)], change.Source, change.Evidence, clock.GetUtcNow());
        State.Consents[purposeId] = record;
        await CommitOneAsync(actor, LedgerEventTypes.ConsentGranted, null, new { purposeId, channels = record.Channels, source = change.Source, evidence = change.Evidence });
    }

    public async Task WithdrawConsentAsync(string purposeId, string source, Actor actor)
    {
        EnsureExists();
        if (!State.Consents.Remove(purposeId))
        {
            throw new LedgerNotFoundException($"A consent for purpose '{purposeId}'");
        }
        await CommitOneAsync(actor, LedgerEventTypes.ConsentWithdrawn, null, new { purposeId, source });
    }

    public async Task RegisterObjectionAsync(string scope, ObjectionChange change, Actor actor)
    {
        // Like the purpose of a consent, the scope is checked before the subject.
        if (!Vocabulary.ObjectionScopes.Contains(scope))
        {
            throw new LedgerValidationException("scope", $"Scopes are {string.Join(", ", Vocabulary.ObjectionScopes)}.");
        }
        EnsureExists();
        Vocabulary.EnsureChannels(change.Channels, "channels", allowEmpty: true);
        var record = new ObjectionRecord([.. change.Channels.Distinct().Order(StringComparer.Ordinal)], change.Source, change.Evidence, clock.GetUtcNow());
        State.Objections[scope] = record;
        await CommitOneAsync(actor, LedgerEventTypes.ObjectionRegistered, null, new { scope, channels = record.Channels, source = change.Source, evidence = change.Evidence });
    }

    public async Task WithdrawObjectionAsync(string scope, string source, Actor actor)
    {
        EnsureExists();
        if (!State.Objections.Remove(scope))
        {
            throw new LedgerNotFoundException($"An objection '{scope}'");
        }
        await CommitOneAsync(actor, LedgerEventTypes.ObjectionWithdrawn, null, new { scope, source });
    }

    public async Task RestrictAsync(string registerId, string reason, Actor actor)
    {
        EnsureExists();
        if (!State.Memberships.ContainsKey(registerId))
        {
            throw new LedgerNotFoundException($"A membership in register '{registerId}'");
        }
        State.Restrictions[registerId] = new RestrictionRecord(reason, clock.GetUtcNow());
        await CommitOneAsync(actor, LedgerEventTypes.RestrictionSet, registerId, new { reason });
    }

    public async Task LiftRestrictionAsync(string registerId, Actor actor)
    {
        EnsureExists();
        if (!State.Restrictions.Remove(registerId))
        {
            throw new LedgerNotFoundException($"A restriction on register '{registerId}'");
        }
        await CommitOneAsync(actor, LedgerEventTypes.RestrictionLifted, registerId, null);
    }

    public async Task<PermissionDecision?> CheckPermissionAsync(PermissionQuery query)
    {
        if (!State.Exists)
        {
            return null;
        }
        IEnumerable<string> ids = query.RegisterId is { } only ? [only] : State.Memberships.Keys;
        return this.Metrics().PermissionChecked(PermissionEvaluator.Evaluate(State, query, await registers.FindManyAsync(ids)));
    }

    public async Task<LedgerPage> ReadLedgerAsync(long afterSeq, int limit, Actor actor)
    {
        // An erased person's ledger stays readable: it is the proof of what was done, and with the key gone it
        // discloses nothing. Reading it is not recorded: no personal data is read, and the proof ends at the erasure.
        if (!State.Exists)
        {
            throw new LedgerNotFoundException($"Subject '{Key}'");
        }
        var events = await streams.ReadAsync(StreamId, afterSeq, limit);
        var key = State.Erased ? null : await keys.TryGetAsync(Key);
        var items = events.Select(stored => ToEntry(LedgerStreams.Decode(stored), key)).ToList();
        if (!State.Erased)
        {
            var changes = new LedgerChanges(this, actor, clock.GetUtcNow());
            await changes.AddAsync(LedgerEventTypes.PersonalDataRead, null, new { what = "ledger", afterSeq, count = items.Count });
            await changes.CommitAsync([]);
        }
        return new LedgerPage(items, items.Count == limit ? items[^1].Seq : null);
    }

    public Task<string> LedgerHeadAsync() =>
        State.Exists ? Task.FromResult(State.LedgerHead) : throw new LedgerNotFoundException($"Subject '{Key}'");

    public async Task<LedgerVerification> VerifyLedgerAsync()
    {
        // An erased subject's chain is still there to verify: it is the proof of what was done.
        if (!State.Exists)
        {
            throw new LedgerNotFoundException($"Subject '{Key}'");
        }
        var previous = LedgerEvent.GenesisHash;
        long count = 0;
        while (true)
        {
            var page = await streams.ReadAsync(StreamId, count, VerificationPageSize);
            foreach (var stored in page)
            {
                var ledgerEvent = LedgerStreams.Decode(stored);
                count++;
                if (ledgerEvent.Seq != count || ledgerEvent.PrevHash != previous || !ledgerEvent.HashIsValid())
                {
                    return new LedgerVerification(false, count, previous, ledgerEvent.Seq);
                }
                previous = ledgerEvent.Hash;
            }
            if (page.Count < VerificationPageSize)
            {
                break;
            }
        }
        // The chain must also end where the subject's state says it does: a truncated stream is invalid.
        var complete = count == State.LedgerSeq && previous == State.LedgerHead;
        return new LedgerVerification(complete, count, previous, complete ? null : count + 1);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _sealer?.Sealer.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    private Task CommitOneAsync(Actor actor, string type, string? registerId, object? data, string? requestId = null) =>
        new LedgerChanges(this, actor, clock.GetUtcNow(), requestId).AddAndCommitAsync(type, registerId, data);

    private void EnsureExists()
    {
        if (!State.Exists || State.Erased)
        {
            throw new LedgerNotFoundException($"Subject '{Key}'");
        }
    }

    private async Task<SubjectView> ToViewAsync()
    {
        var opener = await OpenerAsync();
        var definitions = await registers.FindManyAsync(State.Memberships.Keys);
        bool IsSpecial(string registerId, string categoryId) =>
            definitions.TryGetValue(registerId, out var definition) && definition.Categories.Exists(c => c.Id == categoryId && c.Special);

        return new SubjectView(
            Key,
            State.CreatedAt,
            // A field that cannot be opened (the key is gone) reads as absent, never as an error.
            [.. State.Identifiers.Select(i => new IdentifierView(IdentifierKinds.ToWireName(i.Kind), i.DisplayOpened(opener) ?? "", i.IsIdentityCode))],
            State.ContactOpened(opener),
            [.. State.Memberships.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new MembershipView(m.Key, m.Value.ExternalIdOpened(opener), m.Value.Since, m.Value.LastActivityAt, m.Value.SourceOpened(opener),
                [.. m.Value.Categories.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CategoryView(c.Key, c.Value.CollectedAt, IsSpecial(m.Key, c.Key)))]))],
            [.. State.Consents.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ConsentView(c.Key, c.Value.Channels, c.Value.SourceOpened(opener) ?? "", c.Value.EvidenceOpened(opener), c.Value.GrantedAt))],
            [.. State.Objections.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => new ObjectionView(o.Key, o.Value.Channels, o.Value.SourceOpened(opener) ?? "", o.Value.EvidenceOpened(opener), o.Value.At))],
            [.. State.Restrictions.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new RestrictionView(r.Key, r.Value.ReasonOpened(opener) ?? "", r.Value.At))],
            State.RequestIds);
    }

    private LedgerEntryView ToEntry(LedgerEvent ledgerEvent, byte[]? key)
    {
        JsonElement? data = null;
        if (ledgerEvent.SealedData is { } sealedData && key is not null)
        {
            try
            {
                var plain = AuthenticatedCipher.Decrypt(key, Convert.FromBase64String(sealedData), AssociatedData());
                data = CompactPlain.Deserialize<JsonElement>(plain);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // Sealed under a key that was destroyed (erasure): the data is gone, the event stays as proof.
            }
        }
        return new LedgerEntryView(ledgerEvent.Seq, ledgerEvent.At, ledgerEvent.Type, ledgerEvent.Actor, ledgerEvent.RegisterId, ledgerEvent.RequestId, data,
            ledgerEvent.PrevHash, ledgerEvent.Hash, ledgerEvent.SealedData, Shredded: ledgerEvent.SealedData is not null && data is null);
    }

    /// <summary>Writes the state with every personal field sealed: values set in this turn are sealed here, once.</summary>
    private async Task WriteAsync(StateChanges changes)
    {
        if (State.Erased)
        {
            // An erased person holds no personal data; a row of an earlier version may still carry an empty contact.
            State.Contact = null;
        }
        else if (State.HasUnsealed())
        {
            State.SealWith(await SealerAsync());
        }
        await state.WriteStateAsync(changes);
    }

    private async Task<byte[]> DataKeyAsync() => (_dataKey ??= await keys.GetOrCreateKeyAsync(Key)).Key;

    /// <summary>Seals this person's fields, creating the data key if there is none yet.</summary>
    private async Task<FieldSealer> SealerAsync()
    {
        var dataKey = await DataKeyAsync();
        return SealerFor(dataKey);
    }

    /// <summary>Opens this person's fields; null when the person has no data key (destroyed), so they read as absent.</summary>
    private async Task<FieldSealer?> OpenerAsync() =>
        (_dataKey ??= await keys.TryGetKeyAsync(Key)) is { } dataKey ? SealerFor(dataKey.Key) : null;

    // One per key for the activation: its prepared AES key serves every field of every turn.
    private FieldSealer SealerFor(byte[] dataKey)
    {
        if (_sealer?.Key != dataKey)
        {
            _sealer?.Sealer.Dispose();
            _sealer = (dataKey, new FieldSealer(Key, dataKey));
        }
        return _sealer.Value.Sealer;
    }

    private byte[] AssociatedData() => Encoding.UTF8.GetBytes(Key);

    /// <summary>
    /// The events of one turn: chained onto the subject's head, their data sealed under the subject's key,
    /// committed with the state in one write. Chained at the commit, when it is known whether the commit destroys the key.
    /// </summary>
    private sealed class LedgerChanges(SubjectGrain grain, Actor actor, DateTimeOffset at, string? requestId = null)
    {
        private readonly List<LedgerEntryDraft> _drafts = [];
        private bool _destroysKey;

        public bool IsEmpty => _drafts.Count == 0;

        public Task AddAsync(string type, string? registerId, object? data)
        {
            _drafts.Add(new LedgerEntryDraft(at, type, actor, registerId, requestId, data));
            return Task.CompletedTask;
        }

        /// <summary>
        /// This commit destroys the data key (full erasure): data sealed under it now could never be opened, so the
        /// turn's events are recorded without it, and the key is neither looked up nor unwrapped for them.
        /// </summary>
        public void DestroysKey() => _destroysKey = true;

        public async Task AddAndCommitAsync(string type, string? registerId, object? data)
        {
            await AddAsync(type, registerId, data);
            await CommitAsync([]);
        }

        public async Task CommitAsync(IReadOnlyList<SetEntryChange> setChanges, IReadOnlyList<UniqueKeyRelease>? indexReleases = null)
        {
            var appends = new List<StreamAppend>(_drafts.Count);
            foreach (var draft in _drafts)
            {
                var kept = _destroysKey ? draft with { Data = null } : draft;
                // The activation's prepared key, as the fields use: preparing one per event cost more than sealing it.
                appends.Add(grain.State.Chain(kept, kept.Data is null ? null : await grain.SealerAsync()));
            }
            await grain.WriteAsync(new StateChanges(appends, setChanges, indexReleases));
        }
    }
}
