using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;
using Orleans;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Imports;

/// <summary>
/// Enrols people in bulk. Rows are first grouped into people by shared identifiers; a person none of whose
/// identifiers is known (or on the suppression list) is new, and all new people of a batch are created in one
/// bulk load: state, one <c>subject.imported</c> ledger event, register member entries, identifier claims and
/// data keys, all or nothing. Everyone else, and anyone whose identifiers another enrolment claimed meanwhile
/// (the load reports it as a conflict), is enrolled one row at a time through the subject grains, exactly as
/// <c>POST /v1/registers/{id}/members</c> does. Identity resolution is therefore the same either way.
/// </summary>
public sealed class SubjectImporter(
    BulkGrainCreator creator,
    SubjectDirectory directory,
    IdentifierIndex identifiers,
    DataKeyVault keys,
    RegisterCatalog registers,
    [FromKeyedServices(LedgerClock.Key)] TimeProvider timeProvider,
    ILogger<SubjectImporter> logger)
{
    // Each conflict moves at least one person to the one-by-one path; a few rounds settle any real race.
    private const int BulkAttempts = 4;
    private const int OneByOneConcurrency = 16;

    // People per task of a batch's build: big enough that a range's key wrap and random draws are a few calls, small
    // enough that a batch of 5,000 spreads evenly over the cores.
    private const int BuildRange = 256;

    public async Task<ImportBatchOutcome> ImportBatchAsync(IReadOnlyList<ImportRow> rows, Actor actor, CancellationToken cancellationToken = default) =>
        await CommitAsync(await PrepareAsync(rows, actor, committingBefore: null, cancellationToken), actor, cancellationToken);

    /// <summary>
    /// Validates, resolves identities against the index and builds the new people's first writes; writes nothing.
    /// A caller may prepare the next batch while the previous one (<paramref name="committingBefore"/>) commits:
    /// the identifiers that batch claims (for new people, and new identifiers of known ones) are not in the index
    /// yet, so anyone sharing one with its people goes to the one-by-one path here, which runs after that commit.
    /// (Missed, they would make the bulk load conflict and be sent again; a concurrent enrolment from elsewhere
    /// still can, and is handled so.)
    /// </summary>
    public async Task<PreparedImport> PrepareAsync(IReadOnlyList<ImportRow> rows, Actor actor, PreparedImport? committingBefore = null, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var problems = new ConcurrentBag<ImportProblem>();
        var valid = await ValidateAsync(rows, problems);
        var people = Group(valid);
        var hashes = new List<string>(valid.Sum(row => row.Hashes.Length));
        foreach (var person in people)
        {
            hashes.AddRange(person.Hashes);
        }
        // Two lookups of the same keys, each its own round trip: side by side.
        var knownLookup = identifiers.FindAsync(hashes, cancellationToken);
        var suppressedLookup = identifiers.FindSuppressedAsync(hashes, cancellationToken);
        await Task.WhenAll(knownLookup, suppressedLookup);
        var known = knownLookup.Result;
        var suppressed = suppressedLookup.Result.ToHashSet(StringComparer.Ordinal);
        var oneByOne = new List<Person>();
        var fresh = new List<Person>();
        var inFlight = committingBefore?.Hashes;
        foreach (var person in people)
        {
            (SeenBefore(person, known, suppressed, inFlight) ? oneByOne : fresh).Add(person);
        }
        var lookedUp = timeProvider.GetTimestamp();
        var built = Build(fresh, actor);
        return new PreparedImport(rows.Count, built, hashes.ToHashSet(StringComparer.Ordinal), oneByOne, problems,
            timeProvider.GetElapsedTime(started, lookedUp), timeProvider.GetElapsedTime(lookedUp));
    }

    /// <summary>Loads the prepared new people in bulk, then enrols everyone else one by one.</summary>
    public async Task<ImportBatchOutcome> CommitAsync(PreparedImport prepared, Actor actor, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var oneByOne = prepared.OneByOne;
        var (loaded, retries) = await LoadAsync(prepared.NewSubjects, oneByOne, cancellationToken);
        var bulkLoaded = timeProvider.GetTimestamp();
        var (createdOneByOne, existingOneByOne) = await EnrolOneByOneAsync(oneByOne, actor, prepared.Problems, cancellationToken);

        var loadedRows = loaded.Sum(person => person.Rows.Count);
        var outcome = new ImportBatchOutcome(prepared.Rows, loaded.Count + createdOneByOne, loadedRows - loaded.Count + existingOneByOne,
            [.. prepared.Problems.OrderBy(problem => problem.Line)]);
        LedgerLog.ImportBatch(logger, outcome.Rows, loaded.Count, oneByOne.Sum(person => person.Rows.Count), outcome.Problems.Count, retries,
            (long)prepared.LookupTime.TotalMilliseconds, (long)prepared.BuildTime.TotalMilliseconds,
            (long)timeProvider.GetElapsedTime(started, bulkLoaded).TotalMilliseconds, (long)timeProvider.GetElapsedTime(bulkLoaded).TotalMilliseconds);
        return outcome;
    }

    /// <summary>Rows whose register exists and whose categories and times <see cref="EnrolmentRules.EnsureValid"/> accepts, with their identifiers' keyed hashes; the rest become problems.</summary>
    private async Task<List<HashedRow>> ValidateAsync(IReadOnlyList<ImportRow> rows, ConcurrentBag<ImportProblem> problems)
    {
        var now = timeProvider.GetUtcNow();
        var definitions = new Dictionary<string, RegisterDefinition?>(StringComparer.Ordinal);
        var valid = new List<HashedRow>(rows.Count);
        foreach (var row in rows)
        {
            var registerId = row.Enrolment.RegisterId;
            if (!definitions.TryGetValue(registerId, out var register))
            {
                definitions[registerId] = register = await registers.FindAsync(registerId);
            }
            if (register is null)
            {
                problems.Add(new ImportProblem(row.Line, "registerId", $"Register '{registerId}' was not found."));
                continue;
            }
            if (row.Enrolment.Identifiers.Count == 0)
            {
                problems.Add(new ImportProblem(row.Line, "identifiers", "At least one identifier is required."));
                continue;
            }
            try
            {
                EnrolmentRules.EnsureValid(row.Enrolment, register, now);
            }
            catch (LedgerValidationException exception)
            {
                problems.Add(new ImportProblem(row.Line, exception.Field, exception.Message));
                continue;
            }
            valid.Add(new HashedRow(row, new string[row.Enrolment.Identifiers.Count]));
        }
        // Keyed hashing (HMAC) of every identifier of the batch, on every core.
        Parallel.ForEach(valid, row =>
        {
            for (var i = 0; i < row.Hashes.Length; i++)
            {
                row.Hashes[i] = identifiers.Hash(row.Row.Enrolment.Identifiers[i]);
            }
        });
        return valid;
    }

    /// <summary>Rows that share an identifier, directly or through other rows, are one person; rows keep file order.</summary>
    private static List<Person> Group(List<HashedRow> rows)
    {
        var parent = new int[rows.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }
        int Root(int i)
        {
            while (parent[i] != i)
            {
                i = parent[i] = parent[parent[i]];
            }
            return i;
        }
        // Sized up front: growing maps of a batch's thousands of keys means several large copies per batch.
        var firstRowOf = new Dictionary<string, int>(rows.Sum(row => row.Hashes.Length), StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var hash in rows[i].Hashes)
            {
                if (firstRowOf.TryGetValue(hash, out var other))
                {
                    parent[Root(i)] = Root(other);
                }
                else
                {
                    firstRowOf[hash] = i;
                }
            }
        }
        var people = new Dictionary<int, Person>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var root = Root(i);
            if (!people.TryGetValue(root, out var person))
            {
                people[root] = person = new Person();
            }
            person.Add(rows[i]);
        }
        return [.. people.Values];
    }

    /// <summary>
    /// The new people's first writes. Sealing and serializing is the CPU-bound part: spread it over the cores, a range of
    /// people per task. A range draws its people's ids, data keys and nonces from one <see cref="RandomSupply"/> and wraps
    /// their keys together: calls into OpenSSL cost more in set-up than in arithmetic, so fewer and larger ones.
    /// </summary>
    private NewSubject[] Build(List<Person> fresh, Actor actor)
    {
        var now = timeProvider.GetUtcNow();
        var subjects = new NewSubject[fresh.Count];
        if (subjects.Length == 0)
        {
            // Partitioner.Create refuses an empty range: a batch of known people only.
            return subjects;
        }
        Parallel.ForEach(Partitioner.Create(0, fresh.Count, BuildRange), range =>
        {
            using var randomness = new RandomSupply();
            var subjectIds = new string[range.Item2 - range.Item1];
            for (var i = 0; i < subjectIds.Length; i++)
            {
                subjectIds[i] = randomness.CreateVersion7(now).ToString("N");
            }
            var created = keys.CreateForNewSubjects(subjectIds, randomness);
            for (var i = 0; i < subjectIds.Length; i++)
            {
                subjects[range.Item1 + i] = Build(fresh[range.Item1 + i], subjectIds[i], created[i], randomness, actor, now);
                // Sealed with and stored wrapped: the key in clear is not kept for the rest of the range.
                CryptographicOperations.ZeroMemory(created[i].Key);
            }
        });
        return subjects;
    }

    /// <summary>Creates the new people in one bulk load; those whose identifiers turn out to be taken move to <paramref name="oneByOne"/>.</summary>
    private async Task<(List<Person> Loaded, int Retries)> LoadAsync(NewSubject[] subjects, List<Person> oneByOne, CancellationToken cancellationToken)
    {
        var pending = subjects.ToList();
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var claims = new List<UniqueClaim>(pending.Sum(s => s.Claims.Count));
            foreach (var subject in pending)
            {
                claims.AddRange(subject.Claims);
            }
            var outcome = await creator.LoadAsync(new BulkLoad([.. pending.Select(s => s.Write)], claims), cancellationToken);
            if (outcome.IsCommitted)
            {
                return ([.. pending.Select(s => s.Person)], attempt - 1);
            }
            var taken = outcome.Conflicts.Where(IdentifierIndex.IsIdentifierClaim).Select(claim => claim.Owner).ToHashSet(StringComparer.Ordinal);
            if (taken.Count == 0 || attempt == BulkAttempts)
            {
                // Not an identifier race (or still racing): leave the whole batch to the one-by-one path.
                taken = [.. pending.Select(s => s.SubjectId)];
            }
            oneByOne.AddRange(pending.Where(s => taken.Contains(s.SubjectId)).Select(s => s.Person));
            pending.RemoveAll(s => taken.Contains(s.SubjectId));
        }
        return ([], BulkAttempts);
    }

    /// <summary>A new person's first state, as enrolling their rows one by one would leave it, and one ledger event saying so.</summary>
    private NewSubject Build(Person person, string subjectId, (byte[] Key, UniqueClaim Claim) dataKey, RandomSupply nonces, Actor actor, DateTimeOffset now)
    {
        var keyClaim = dataKey.Claim;
        // One prepared key seals the person's identity code, event and fields: preparing one costs more than a seal.
        using var sealer = new FieldSealer(subjectId, dataKey.Key, nonces);
        var state = new SubjectState { SubjectId = subjectId, CreatedAt = now };
        ContactData? contact = null;
        foreach (var row in person.Rows)
        {
            var enrolment = row.Row.Enrolment;
            for (var i = 0; i < enrolment.Identifiers.Count; i++)
            {
                var hash = row.Hashes[i];
                if (!Holds(state.Identifiers, hash))
                {
                    state.Identifiers.Add(EnrolmentRules.Protect(enrolment.Identifiers[i], hash));
                }
            }
            // The first row's contact as it is (records do not change): merging it into an empty one would copy it.
            contact = contact is null ? enrolment.Contact : contact.MergedWith(enrolment.Contact);
            state.Memberships[enrolment.RegisterId] = EnrolmentRules.Enrol(state.Memberships.GetValueOrDefault(enrolment.RegisterId), enrolment, now);
        }
        contact ??= new ContactData();
        state.Contact = contact;
        // Values set here are at hand in clear (no sealer needed to read them) until the state is sealed below.
        var data = new ImportedEventData(state, contact);
        var append = state.Chain(new LedgerEntryDraft(now, LedgerEventTypes.SubjectImported, actor, null, null, data), sealer);
        // Sealed as the grain seals its writes: the person's first state reaches storage as ciphertext only.
        state.SealWith(sealer);
        var members = new List<SetEntryChange>(state.Memberships.Count);
        foreach (var (registerId, membership) in state.Memberships)
        {
            members.Add(RegisterMembers.Entry(registerId, membership.EntryFor(subjectId)));
        }
        var write = creator.FirstWrite(SubjectGrain.TypeName, subjectId, state, [append], members);
        var claims = new List<UniqueClaim>(person.Hashes.Count + 1);
        foreach (var hash in person.Hashes)
        {
            claims.Add(IdentifierIndex.ClaimFor(hash, subjectId));
        }
        claims.Add(keyClaim);
        return new NewSubject(person, subjectId, write, claims);
    }

    /// <summary>Whether an identifier of the person is known, suppressed, or claimed by the batch committing meanwhile.</summary>
    private static bool SeenBefore(Person person, IReadOnlyDictionary<string, string> known, HashSet<string> suppressed, HashSet<string>? inFlight)
    {
        foreach (var hash in person.Hashes)
        {
            if (known.ContainsKey(hash) || suppressed.Contains(hash) || inFlight?.Contains(hash) == true)
            {
                return true;
            }
        }
        return false;
    }

    // A loop, not List.Exists with a lambda: no closure per identifier of every imported person.
    private static bool Holds(List<StoredIdentifier> identifiers, string hash)
    {
        foreach (var held in identifiers)
        {
            if (held.Hash == hash)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>People already known (or suppressed, or raced): each row through the directory, a person's rows in file order.</summary>
    private async Task<(int Created, int Existing)> EnrolOneByOneAsync(List<Person> people, Actor actor, ConcurrentBag<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var (created, existing) = (0, 0);
        var options = new ParallelOptions { MaxDegreeOfParallelism = OneByOneConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(people, options, async (person, token) =>
        {
            foreach (var row in person.Rows)
            {
                try
                {
                    var outcome = await directory.EnrolAsync(row.Row.Enrolment, actor, token);
                    Interlocked.Increment(ref outcome.Created ? ref created : ref existing);
                }
                catch (LedgerValidationException exception)
                {
                    problems.Add(new ImportProblem(row.Row.Line, exception.Field, exception.Message));
                }
                catch (LedgerConflictException exception)
                {
                    problems.Add(new ImportProblem(row.Row.Line, "identifiers", exception.Message));
                }
                catch (LedgerNotFoundException exception)
                {
                    problems.Add(new ImportProblem(row.Row.Line, "registerId", exception.Message));
                }
            }
        });
        return (created, existing);
    }

    /// <summary>A batch ready to commit: the new people's writes, the rows for the one-by-one path, and what was refused.</summary>
    public sealed class PreparedImport
    {
        internal PreparedImport(int rows, NewSubject[] newSubjects, HashSet<string> hashes, List<Person> oneByOne, ConcurrentBag<ImportProblem> problems, TimeSpan lookupTime, TimeSpan buildTime)
        {
            (Rows, NewSubjects, Hashes, OneByOne, Problems, LookupTime, BuildTime) = (rows, newSubjects, hashes, oneByOne, problems, lookupTime, buildTime);
        }

        public int Rows { get; }

        internal NewSubject[] NewSubjects { get; }

        /// <summary>Every identifier hash of the batch's people: what its commit may claim.</summary>
        internal HashSet<string> Hashes { get; }

        internal List<Person> OneByOne { get; }

        internal ConcurrentBag<ImportProblem> Problems { get; }

        internal TimeSpan LookupTime { get; }

        internal TimeSpan BuildTime { get; }
    }

    internal sealed record HashedRow(ImportRow Row, string[] Hashes);

    /// <summary>The rows of one person in file order, and all their identifiers' hashes, each once.</summary>
    internal sealed class Person
    {
        private string[]? _hashes;

        public List<HashedRow> Rows { get; } = new(1);

        /// <summary>Worked out when first asked, after the last row is added.</summary>
        public IReadOnlyList<string> Hashes => _hashes ??= Distinct();

        public void Add(HashedRow row)
        {
            Rows.Add(row);
            _hashes = null;
        }

        // A person has a handful of identifiers: a scan is cheaper than a set, and most (one row, no repeats) keep the row's array.
        private string[] Distinct()
        {
            if (Rows.Count == 1 && !HasRepeats(Rows[0].Hashes))
            {
                return Rows[0].Hashes;
            }
            var distinct = new List<string>();
            foreach (var row in Rows)
            {
                foreach (var hash in row.Hashes)
                {
                    if (!distinct.Contains(hash))
                    {
                        distinct.Add(hash);
                    }
                }
            }
            return [.. distinct];
        }

        private static bool HasRepeats(string[] hashes)
        {
            for (var i = 1; i < hashes.Length; i++)
            {
                if (Array.IndexOf(hashes, hashes[i], 0, i) >= 0)
                {
                    return true;
                }
            }
            return false;
        }
    }

    internal sealed record NewSubject(Person Person, string SubjectId, StateWrite Write, IReadOnlyList<UniqueClaim> Claims);
}
