using System.Text.Json.Nodes;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// A legal hold that ends while its erasure request is still at work (here: waiting on a slow recipient's webhook)
/// is scheduled with a wake-up already due. Orleans arms that reminder only after writing it, by when its first due
/// time has passed, and then skips to its next period: the period is what decides how soon the erasure finishes.
/// The request grain's behaviour, on one engine.
/// </summary>
public sealed class HoldWakeUpTests : RightsRequestTestBase
{
    // Longer than the verification below takes, so no wake-up of the verification's own is left to finish the work.
    private static readonly TimeSpan WorkInterval = TimeSpan.FromSeconds(15);

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>(base.ExtraSettings())
    {
        ["Ledger:RequestWorkInterval"] = WorkInterval.ToString(),
    };

    [Fact]
    public async Task An_erasure_whose_hold_ends_while_it_works_finishes_within_a_work_interval_and_not_a_day_later()
    {
        Assert.True((await Gateway.CreateClient().GetAsync("/readyz")).IsSuccessStatusCode);
        var email = NewEmail();
        await EnrolAsync(email, (PkTerveys, "feedback", null));
        // The hold is set last, so the few calls up to the verification are all that its seconds have to cover.
        // Under the notification client's 10-second timeout: the webhook below answers when the hold has ended.
        var holdEnds = DateTimeOffset.UtcNow.AddSeconds(8);
        var subjectId = await EnrolAsync(email, (Perhelaakarit, "billing", holdEnds.AddYears(-10)));
        var request = await CreateRequestAsync(new { type = "erasure", subject = new { subjectId }, channel = "email" });
        // The recipients' notice of the erasure at pk-terveys is sent before the wake-up is scheduled, and answered
        // only after the billing hold has ended.
        _webhook.AnswersFrom = holdEnds.AddMilliseconds(300);

        var verified = await VerifyAsync(request);

        var billing = Task(verified, Perhelaakarit);
        Assert.Equal("held", billing["status"]!.GetValue<string>());
        Assert.True(billing["heldUntil"]!.GetValue<DateTimeOffset>() < DateTimeOffset.UtcNow);
        // Delivered, so no retry of the notification is left to wake the request either: only the hold's wake-up can.
        var notifications = verified["notifications"]!.AsArray();
        Assert.NotEmpty(notifications);
        Assert.All(notifications, n => Assert.Equal("delivered", n!["status"]!.GetValue<string>()));
        JsonObject? last = null;
        var finished = await Eventually.TrueAsync(async () => Status(last = await GetRequestAsync(request["requestId"]!.GetValue<string>())) == "completed",
            WorkInterval * 3);
        Assert.True(finished, $"The request is {Status(last!)}, its billing task {Task(last!, Perhelaakarit)["status"]}.");
    }
}
