using PrivacyLedger.Ledger.Chain;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>The masked read of the privacy officer's console: what it shows before the officer asks to see personal data.</summary>
public sealed partial class SubjectGrain
{
    /// <summary>What the masked read records as read: memberships, consents, objections, restrictions, the ledger's outline.</summary>
    public const string MaskedReadWhat = "subject-masked";

    private const string Hidden = "•••";

    public async Task<SubjectOverview> ReadMaskedAsync(long afterSeq, int limit, Actor actor)
    {
        EnsureExists();
        var view = await ToViewAsync();
        // Recorded before the page is read, so the page shows this read too and ends at the head a verification finds.
        await CommitOneAsync(actor, LedgerEventTypes.PersonalDataRead, null, new { what = MaskedReadWhat });
        var events = await streams.ReadAsync(StreamId, afterSeq, limit);
        var outline = events.Select(stored => LedgerStreams.Decode(stored))
            .Select(e => new LedgerEntryView(e.Seq, e.At, e.Type, e.Actor, e.RegisterId, e.RequestId, null, e.PrevHash, e.Hash))
            .ToList();
        var masked = view with
        {
            Identifiers = [.. view.Identifiers.Select(i => i.Masked ? i : i with { Value = Mask(i.Value), Masked = true })],
            Contact = view.Contact with
            {
                GivenName = Mask(view.Contact.GivenName),
                FamilyName = Mask(view.Contact.FamilyName),
                Email = Mask(view.Contact.Email),
                Phone = Mask(view.Contact.Phone),
                Address = view.Contact.Address is null ? null : Hidden,
            },
        };
        return new SubjectOverview(masked, new LedgerPage(outline, outline.Count == limit ? outline[^1].Seq : null));
    }

    /// <summary>The first character and a fixed mask, so neither the value nor its length shows.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    private static string? Mask(string? value) => value switch
    {
        null => null,
        { Length: > 2 } => string.Concat(value.AsSpan(0, 1), Hidden),
        _ => Hidden,
    };
}
