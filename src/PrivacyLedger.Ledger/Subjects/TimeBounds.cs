namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// The times a caller may state (when a request was received, when data was collected, when the person was last
/// active), judged against the domain clock: never in the future beyond a small skew between the caller's clock and ours.
/// </summary>
public static class TimeBounds
{
    /// <summary>How far ahead of the domain clock a stated time may be: callers' clocks drift, a minute or two is honest.</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The day the GDPR became applicable: no rights request under it can have been received earlier.</summary>
    public static readonly DateTimeOffset GdprApplicable = new(2018, 5, 25, 0, 0, 0, TimeSpan.Zero);

    public static void EnsureNotFuture(DateTimeOffset? value, DateTimeOffset now, string field)
    {
        if (value > now + AllowedClockSkew)
        {
            throw new LedgerValidationException(field, $"{field} cannot be in the future (more than {AllowedClockSkew.TotalMinutes:0} minutes ahead of the ledger's clock).");
        }
    }

    /// <summary>A request's receipt: on or after <see cref="GdprApplicable"/>, and not in the future.</summary>
    public static void EnsureReceivable(DateTimeOffset value, DateTimeOffset now, string field)
    {
        if (value < GdprApplicable)
        {
            throw new LedgerValidationException(field, $"{field} cannot be before {GdprApplicable:yyyy-MM-dd}, when the GDPR became applicable.");
        }
        EnsureNotFuture(value, now, field);
    }
}
