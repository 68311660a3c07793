namespace PrivacyLedger.Ledger.Registers;

/// <summary>What a definition says that a privacy officer should see flagged.</summary>
public static class RegisterFlags
{
    public const string LongerDeadline = "longer-deadline-stated";

    public static IReadOnlyList<string> For(RegisterDefinition definition) =>
        definition.Rights.DeadlineMonths > 1 ? [LongerDeadline] : [];
}
