using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivacyLedger.Ledger.Receipts;
using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Ledger.Tests.Receipts;

public sealed class ReceiptBuilderTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Completed = Received.AddDays(3);
    private const string Head = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static RequestView View(RequestStatus status, IReadOnlyList<RightsTask> tasks, Refusal? refusal = null, IReadOnlyList<Notification>? notifications = null) =>
        new("req-1", RequestType.Erasure, "subj-1", status, RequestChannel.Letter, Received, Received.AddMonths(1), false, new Fee(false, null),
            new Verification(VerificationMethod.PhotoId, "Olli Officer", Received.AddHours(2)), null, refusal, tasks, notifications ?? [], [], "complaint");

    /// <summary>The receipt's JSON exactly as it is signed.</summary>
    private static JsonObject Payload(RequestReceipt receipt) => JsonNode.Parse(ReceiptSigner.Payload(receipt))!.AsObject();

    private static string Json(JsonNode? node) => node!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Fact]
    public void Each_register_says_what_happened_to_it()
    {
        var view = View(RequestStatus.PartiallyCompleted,
        [
            new RightsTask("a", "erase", RightsTaskStatus.Done),
            new RightsTask("b", "erase", RightsTaskStatus.Held, Received.AddYears(6), "billing: accounting records (Kirjanpitolaki 2:10)"),
            new RightsTask("c", "erase", RightsTaskStatus.Done, Confirmation: new TaskConfirmation("crm-system", Completed, "ticket 123 by Maija")),
            new RightsTask("d", "erase", RightsTaskStatus.Done, Note: "not a member"),
            new RightsTask("e", "erase", RightsTaskStatus.Failed, Note: "Register 'e' is unknown to Maija"),
        ]);

        var registers = Payload(ReceiptBuilder.Build(view, Head, Completed, "issuer", Completed))["registers"]!.AsArray();

        Assert.Equal("""{"registerId":"a","action":"erase","outcome":"erased"}""", Json(registers[0]));
        Assert.Equal("""{"registerId":"b","action":"erase","outcome":"held","heldUntil":"2032-11-02T08:00:00+00:00","legalBasis":"billing: accounting records (Kirjanpitolaki 2:10)"}""", Json(registers[1]));
        Assert.Equal("""{"registerId":"c","action":"erase","outcome":"confirmed","confirmedAt":"2026-11-05T08:00:00+00:00"}""", Json(registers[2]));
        Assert.Equal("""{"registerId":"d","action":"erase","outcome":"nothing-held"}""", Json(registers[3]));
        Assert.Equal("""{"registerId":"e","action":"erase","outcome":"failed"}""", Json(registers[4]));
    }

    [Fact]
    public void The_receipt_carries_ids_times_status_recipients_and_the_ledger_head_but_nothing_a_person_typed()
    {
        var view = View(RequestStatus.Completed, [new RightsTask("a", "erase", RightsTaskStatus.Done, Confirmation: new TaskConfirmation("crm", Completed, "evidence: Maija's ticket"))],
            notifications: [new Notification("n1", "a", "recipient-1", "Recipient Oy", "erasure", NotificationStatus.Delivered, 1, Completed, Completed)]);

        var payload = Payload(ReceiptBuilder.Build(view, Head, Completed, "ledger.example.fi", Completed.AddSeconds(1)));

        Assert.Equal(1, payload["version"]!.GetValue<int>());
        Assert.Equal("ledger.example.fi", payload["issuer"]!.GetValue<string>());
        Assert.Equal("req-1", payload["requestId"]!.GetValue<string>());
        Assert.Equal("erasure", payload["type"]!.GetValue<string>());
        Assert.Equal("subj-1", payload["subjectId"]!.GetValue<string>());
        Assert.Equal("completed", payload["status"]!.GetValue<string>());
        Assert.Equal(Received, payload["receivedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Received.AddHours(2), payload["verifiedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Completed, payload["completedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Completed.AddSeconds(1), payload["issuedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Head, payload["ledgerHead"]!.GetValue<string>());
        Assert.Equal("""[{"registerId":"a","recipientId":"recipient-1","event":"erasure","delivery":"delivered","deliveredAt":"2026-11-05T08:00:00+00:00"}]""",
            Json(payload["recipientsNotified"]));
        var text = payload.ToJsonString();
        Assert.DoesNotContain("Maija", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Olli", text, StringComparison.Ordinal);
        Assert.DoesNotContain("complaint", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_request_gives_the_reason_code_and_not_the_explanation()
    {
        var refusal = new Refusal(RefusalReason.ManifestlyUnfounded, "Maija has asked 40 times", Completed);
        var view = View(RequestStatus.Refused, [new RightsTask("a", "erase", RightsTaskStatus.Pending)], refusal);

        var payload = Payload(ReceiptBuilder.Build(view, Head, Completed, "issuer", Completed));

        Assert.Equal("""{"reason":"manifestly-unfounded","at":"2026-11-05T08:00:00+00:00"}""", Json(payload["refusal"]));
        Assert.Equal("""[{"registerId":"a","action":"erase","outcome":"refused","refusalReason":"manifestly-unfounded"}]""", Json(payload["registers"]));
        Assert.DoesNotContain("Maija", payload.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RequestStatus.Completed, true)]
    [InlineData(RequestStatus.PartiallyCompleted, true)]
    [InlineData(RequestStatus.Refused, true)]
    [InlineData(RequestStatus.Cancelled, false)]
    [InlineData(RequestStatus.InProgress, false)]
    [InlineData(RequestStatus.Received, false)]
    public void Receipts_are_issued_for_completed_partially_completed_and_refused_requests(RequestStatus status, bool issued) =>
        Assert.Equal(issued, ReceiptBuilder.IsReceiptStatus(status));
}
