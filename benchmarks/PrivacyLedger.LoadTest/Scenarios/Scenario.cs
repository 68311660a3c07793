using PrivacyLedger.LoadTest.Load;

namespace PrivacyLedger.LoadTest.Scenarios;

/// <summary>
/// One scenario: what it does (for the report), what one operation is, and how it is driven: by a number of
/// closed-loop workers, or at a fixed rate when <see cref="FixedRate"/> is set. <see cref="Kinds"/> names the
/// kinds of operation of a mix, reported one by one.
/// </summary>
internal sealed record Scenario(string Key, string Title, string Unit, int Concurrency, Operation Operation)
{
    public double? FixedRate { get; init; }

    public IReadOnlyList<string> Kinds { get; init; } = [];
}
