namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// The configured master key versions, checked: <c>Ledger:MasterKey</c> as version 1 and <c>Ledger:MasterKeys</c>.
/// The active version (<c>Ledger:ActiveKeyVersion</c>, else the highest not retired) wraps new data keys; every version not retired unwraps; the identifier index's
/// key derives from <see cref="IdentifierVersion"/>, whatever the rotation. Problems name their setting, never a key.
/// </summary>
public sealed record MasterKeyRing(IReadOnlyDictionary<int, byte[]> Keys, IReadOnlySet<int> Retired, int Newest, int IdentifierVersion)
{
    /// <summary>The identifier index has been keyed by version 1 since the first start, unless configured otherwise.</summary>
    public const int DefaultIdentifierVersion = 1;

    /// <summary>The ring; throws with every problem when the settings are not usable.</summary>
    public static MasterKeyRing From(LedgerOptions options) =>
        Read(options, out var ring) is { Count: > 0 } problems ? throw new InvalidOperationException(string.Join(" ", problems)) : ring!;

    /// <summary>Every problem of the key settings, each naming its setting; empty when they are usable.</summary>
    public static IReadOnlyList<string> Problems(LedgerOptions options) => Read(options, out _);

    private static List<string> Read(LedgerOptions options, out MasterKeyRing? ring)
    {
        ring = null;
        var problems = new List<string>();
        var keys = new Dictionary<int, byte[]>();
        var settings = new Dictionary<int, string>();
        var retired = new HashSet<int>();
        if (!string.IsNullOrWhiteSpace(options.MasterKey) || options.MasterKeys.Count == 0)
        {
            Add(1, "Ledger:MasterKey", options.MasterKey, isRetired: false);
        }
        for (var i = 0; i < options.MasterKeys.Count; i++)
        {
            var entry = options.MasterKeys[i];
            if (entry.Version < 1)
            {
                problems.Add($"Ledger:MasterKeys:{i}:Version must be a whole number of at least 1.");
                continue;
            }
            Add(entry.Version, $"Ledger:MasterKeys:{i}", entry.Key, entry.Retired);
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        var active = keys.Keys.Where(version => !retired.Contains(version)).ToList();
        if (active.Count == 0)
        {
            problems.Add("Ledger:MasterKeys: every version is retired; the newest one must wrap new data keys.");
        }
        var identifierVersion = options.IdentifierKeyVersion ?? DefaultIdentifierVersion;
        if (!keys.ContainsKey(identifierVersion))
        {
            problems.Add(options.IdentifierKeyVersion is null
                ? "Ledger:IdentifierKeyVersion is not set and master key version 1 is not configured. The identifier index is keyed by the version it started with (1 unless set otherwise): keep that version (Retired: true if it wraps nothing) and name it here."
                : $"Ledger:IdentifierKeyVersion is {identifierVersion}, but no master key of that version is configured (Ledger:MasterKeys). Keep that version (Retired: true if it wraps nothing): the identifier index is keyed by it.");
        }
        if (options.ActiveKeyVersion is { } chosen && !active.Contains(chosen))
        {
            problems.Add($"Ledger:ActiveKeyVersion is {chosen}, but no master key of that version is configured (or it is retired) in Ledger:MasterKeys.");
        }
        if (problems.Count == 0)
        {
            ring = new MasterKeyRing(keys, retired, options.ActiveKeyVersion ?? active.Max(), identifierVersion);
        }
        return problems;

        void Add(int version, string setting, string? value, bool isRetired)
        {
            var keySetting = setting == "Ledger:MasterKey" ? setting : $"{setting}:Key";
            if (MasterKey.Problem(value, keySetting) is { } problem)
            {
                problems.Add(problem);
                return;
            }
            if (settings.TryGetValue(version, out var first))
            {
                problems.Add($"{(setting == "Ledger:MasterKey" ? setting : $"{setting}:Version")}: master key version {version} is configured twice (also {first}).");
                return;
            }
            settings[version] = setting;
            keys[version] = Convert.FromBase64String(value!);
            if (isRetired)
            {
                retired.Add(version);
            }
        }
    }
}
