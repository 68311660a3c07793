using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Ledger.Tests.Requests;

public sealed class DeadlineTests
{
    [Theory]
    [InlineData("2025-01-31T12:00:00Z", "2025-02-28T12:00:00Z")]
    [InlineData("2024-01-31T12:00:00Z", "2024-02-29T12:00:00Z")]
    [InlineData("2025-03-15T08:30:00Z", "2025-04-15T08:30:00Z")]
    [InlineData("2025-12-31T23:00:00Z", "2026-01-31T23:00:00Z")]
    public void R8_the_deadline_is_one_calendar_month_after_receipt(string received, string due)
    {
        Assert.Equal(DateTimeOffset.Parse(due), Deadlines.DueAt(DateTimeOffset.Parse(received)));
    }

    [Theory]
    [InlineData(RequestStatus.Completed, true)]
    [InlineData(RequestStatus.Refused, true)]
    [InlineData(RequestStatus.Cancelled, true)]
    [InlineData(RequestStatus.InProgress, false)]
    [InlineData(RequestStatus.PartiallyCompleted, false)]
    public void Completed_refused_and_cancelled_requests_are_final(RequestStatus status, bool final)
    {
        Assert.Equal(final, Deadlines.IsFinal(status));
    }
}
