namespace PrivacyLedger.Storage;

/// <summary>What commits in the same transaction as a grain's state write, or not at all.</summary>
public sealed record StateChanges(
    IReadOnlyList<StreamAppend> Appends,
    IReadOnlyList<SetEntryChange> SetChanges,
    IReadOnlyList<UniqueKeyRelease>? IndexReleases = null)
{
    public static StateChanges Sets(params IReadOnlyList<SetEntryChange> setChanges) => new([], setChanges);

    public static StateChanges Releases(IReadOnlyList<UniqueKeyRelease> releases) => new([], [], releases);
}
