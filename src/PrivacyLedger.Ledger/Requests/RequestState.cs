using System.Security.Cryptography;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Requests;

/// <summary>
/// The rights-request grain's persistent state: where the request stands and its per-register tasks and notifications.
/// What the person or an officer wrote (the details, who verified, reasons, explanations, confirmations) is sealed at
/// rest under the person's data key; in clear only ids, statuses, dates, registers and flags.
/// </summary>
public sealed class RequestState
{
    public string? RequestId { get; set; }
    public RequestType Type { get; set; }
    public string SubjectId { get; set; } = "";
    public RequestStatus Status { get; set; }
    public RequestChannel Channel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset OriginalDueAt { get; set; }
    public List<string>? Registers { get; set; }
    public Sealed<RequestDetails>? Details { get; set; }
    public VerificationRecord? Verification { get; set; }
    public ExtensionRecord? Extension { get; set; }
    public RefusalRecord? Refusal { get; set; }
    public Fee Fee { get; set; } = new(false, null);
    public List<TaskRecord> Tasks { get; set; } = [];
    public List<Notification> Notifications { get; set; } = [];
    public List<string> Flags { get; set; } = [];
    public bool ErasureFinished { get; set; }
    /// <summary>Set when an erasure completes, after the subject's ledger has recorded a finding of nothing to erase.</summary>
    public RequestOutcome? Outcome { get; set; }

    /// <summary>The latest signed receipt (completed, partially completed or refused); nothing personal, so it outlives shredding.</summary>
    public Receipts.IssuedReceipt? Receipt { get; set; }

    private IEnumerable<(Sealed<string> Text, string Field)> Texts()
    {
        if (Verification is { } verification)
        {
            yield return (verification.VerifiedBy, SealedFields.VerifiedBy);
        }
        if (Extension is { } extension)
        {
            yield return (extension.Reason, SealedFields.ExtensionReason);
        }
        if (Refusal is { } refusal)
        {
            yield return (refusal.Explanation, SealedFields.RefusalExplanation);
        }
        foreach (var confirmation in Tasks.Select(task => task.Confirmation).OfType<ConfirmationRecord>())
        {
            yield return (confirmation.ConfirmedBy, SealedFields.ConfirmedBy);
            yield return (confirmation.Evidence, SealedFields.ConfirmationEvidence);
        }
    }

    /// <summary>Whether a personal field holds a value not sealed yet (set in this activation, or read in clear from an earlier version's row).</summary>
    public bool HasUnsealed() => Details is { IsSealed: false } || Texts().Any(text => !text.Text.IsSealed);

    /// <summary>Whether a personal field is still only sealed, so showing the request needs the person's key.</summary>
    public bool HasUnopened() => Details is { Opened: null } || Texts().Any(text => text.Text.Opened is null);

    public void SealWith(FieldSealer sealer)
    {
        Details?.SealWith(sealer, SealedFields.RequestDetails);
        foreach (var (text, field) in Texts())
        {
            text.SealWith(sealer, field);
        }
    }

    public void OpenWith(FieldSealer sealer)
    {
        Details?.OpenWith(sealer, SealedFields.RequestDetails);
        foreach (var (text, field) in Texts())
        {
            text.OpenWith(sealer, field);
        }
    }

    /// <summary>
    /// The person's key is gone (erased) while values are not sealed yet (an earlier version's clear row): they can
    /// never be sealed under it, so they go, left as noise that opens under no key, as shredding left the sealed ones.
    /// </summary>
    public void ShredUnsealed() => Replace(
        text => text.IsSealed ? text : Sealed<string>.FromCiphertext(RandomNumberGenerator.GetBytes(32)),
        details => details is { IsSealed: false } ? null : details);

    /// <summary>The person's key was just destroyed: values opened in this activation are forgotten, as a new activation would not have them.</summary>
    public void ForgetOpened() => Replace(
        text => text.Ciphertext is { } ciphertext ? Sealed<string>.FromCiphertext(ciphertext) : text,
        details => details?.Ciphertext is { } ciphertext ? Sealed<RequestDetails>.FromCiphertext(ciphertext) : details);

    private void Replace(Func<Sealed<string>, Sealed<string>> text, Func<Sealed<RequestDetails>?, Sealed<RequestDetails>?> details)
    {
        Details = details(Details);
        Verification = Verification is { } verification ? verification with { VerifiedBy = text(verification.VerifiedBy) } : null;
        Extension = Extension is { } extension ? extension with { Reason = text(extension.Reason) } : null;
        Refusal = Refusal is { } refusal ? refusal with { Explanation = text(refusal.Explanation) } : null;
        Tasks = [.. Tasks.Select(task => task.Confirmation is { } confirmation
            ? task with { Confirmation = confirmation with { ConfirmedBy = text(confirmation.ConfirmedBy), Evidence = text(confirmation.Evidence) } }
            : task)];
    }
}
