using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Ledger.Receipts;

/// <summary>
/// The rights-request grain's hook: after each settled turn, <c>State.Receipt = await receipts.IssueAsync(View(), State.Receipt);</c>
/// issues a receipt when the request has reached a status that gets one and has none for it yet.
/// </summary>
public sealed class ReceiptIssuer(
    IGrainFactory grains,
    ReceiptSigner signer,
    IOptions<ReceiptSigningOptions> options,
    [FromKeyedServices(LedgerClock.Key)] TimeProvider clock)
{
    /// <returns>The new receipt, or <paramref name="current"/> when none is due.</returns>
    public async Task<IssuedReceipt?> IssueAsync(RequestView view, IssuedReceipt? current)
    {
        if (!ReceiptBuilder.IsReceiptStatus(view.Status) || current?.Status == view.Status)
        {
            return current;
        }
        // The head at this moment: the request's last changes to the person's ledger are in it.
        var subject = grains.GetGrain<ISubjectGrain>(view.SubjectId);
        var head = await subject.LedgerHeadAsync();
        var now = clock.GetUtcNow();
        var receipt = ReceiptBuilder.Build(view, head, now, options.Value.ReceiptIssuer, now);
        var issued = new IssuedReceipt(view.Status, now, signer.Sign(receipt));
        // The ledger records the issue after the head the receipt names, so the receipt's head stays a link of the chain.
        await subject.RecordReceiptAsync(view.RequestId, view.Status, Actor.System);
        return issued;
    }
}
