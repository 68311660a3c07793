namespace PrivacyLedger.Ledger.Requests;

/// <summary>The rules of time for requests (R8).</summary>
public static class Deadlines
{
    public const int MaxExtensionMonths = 2;

    /// <summary>One calendar month after receipt; 31 January gives the last day of February.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset receivedAt) => receivedAt.AddMonths(1);

    public static bool IsFinal(RequestStatus status) =>
        status is RequestStatus.Completed or RequestStatus.Refused or RequestStatus.Cancelled;
}
