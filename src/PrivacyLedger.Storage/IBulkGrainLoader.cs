namespace PrivacyLedger.Storage;

/// <summary>
/// Creates many grains that have never existed, in one transaction, for imports of millions of records
/// where one state write per grain would cost too much. The contract every storage provider implements and
/// the shared contract test suite checks:
/// <list type="bullet">
/// <item>All or nothing: the states, their stream appends and set entries, and the unique-index claims commit
/// together, or nothing does.</item>
/// <item>A claim on a key that someone else owns (already, or earlier in the same load) is a conflict: the
/// load then writes nothing and reports every conflicting claim, so the caller can take those records
/// another way and load the rest again. A claim on a key the same owner already holds is no conflict.</item>
/// <item>Every state is new: each write expects version 0 and gets version 1. A grain whose state already
/// exists fails the whole load with an exception; callers load only grains under fresh keys.</item>
/// <item>Set changes are inserts of new members (no removals), and appends start new streams.</item>
/// </list>
/// </summary>
public interface IBulkGrainLoader
{
    Task<BulkLoadOutcome> LoadAsync(BulkLoad load, CancellationToken cancellationToken = default);
}

/// <summary>The new grains' first writes, and the unique keys they must own for the load to count.</summary>
public sealed record BulkLoad(IReadOnlyList<StateWrite> States, IReadOnlyList<UniqueClaim> Claims)
{
    /// <summary>
    /// Refuses, before anything is written, a load that is not only new grains and new set members, or that claims a key
    /// of a fixed-width index (<see cref="UniqueIndexes.EnsureFixedWidth"/>) in another shape.
    /// </summary>
    public void EnsureOnlyNewGrains()
    {
        foreach (var write in States)
        {
            if (write.ExpectedVersion != 0 || write.Payload is null)
            {
                throw new ArgumentException($"A bulk load creates new state only; {write.GrainKey} expects version {write.ExpectedVersion}.");
            }
            if (write.SetChanges.Any(change => change.Payload is null) || write.IndexReleases.Count > 0)
            {
                throw new ArgumentException($"A bulk load cannot remove set members or release index keys ({write.GrainKey}).");
            }
        }
        foreach (var claim in Claims)
        {
            UniqueIndexes.EnsureFixedWidth(claim.Index, [], claim.Key, claim.Owner);
        }
    }
}

/// <summary>A key of a unique index (<see cref="IUniqueIndexStore"/>) to be owned by <see cref="Owner"/>.</summary>
public sealed record UniqueClaim(string Index, string Key, string Owner);

/// <summary>Committed when <see cref="Conflicts"/> is empty; otherwise nothing was written.</summary>
public sealed record BulkLoadOutcome(IReadOnlyList<UniqueClaim> Conflicts)
{
    public static readonly BulkLoadOutcome Committed = new([]);

    public bool IsCommitted => Conflicts.Count == 0;
}
