using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Permissions;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Gateway.Apis;

/// <summary>A batch of permission checks, as HTTP (<c>POST /v1/permissions/check</c>) and gRPC (CheckBatch) both answer it.</summary>
internal static class PermissionChecks
{
    public const string UnknownSubject = "unknown-subject";

    /// <summary>
    /// Up to 1,000 subjects checked concurrently, each on its own grain; answers in the order asked, an unknown subject
    /// as not allowed with the reason <see cref="UnknownSubject"/>. A pure read: <paramref name="cancellationToken"/>
    /// stops the wait, not the grains.
    /// </summary>
    public static async Task<List<BatchPermissionResult>> CheckManyAsync(
        SubjectDirectory directory, PermissionQuery query, IReadOnlyList<string>? subjectIds, CancellationToken cancellationToken = default)
    {
        if (subjectIds is not { Count: > 0 })
        {
            throw new LedgerValidationException("subjectIds", "At least one subject id is required.");
        }
        // Over HTTP the body's rules refuse a longer list as it is read; gRPC has no such reader.
        if (subjectIds.Count > FieldLimits.BatchSubjects)
        {
            throw new LedgerValidationException("subjectIds", $"subjectIds can hold at most {FieldLimits.BatchSubjects} items.");
        }
        for (var i = 0; i < subjectIds.Count; i++)
        {
            // An empty id would answer nobody.
            if (string.IsNullOrWhiteSpace(subjectIds[i]))
            {
                throw new LedgerValidationException($"subjectIds[{i}]", $"subjectIds[{i}] cannot be empty.");
            }
            QueryText.Checked(subjectIds[i], $"subjectIds[{i}]", FieldLimits.ListElement);
        }
        var decisions = await Task.WhenAll(subjectIds.Select(subjectId => directory.Subject(subjectId).CheckPermissionAsync(query))).WaitAsync(cancellationToken);
        return [.. subjectIds.Select((subjectId, i) => ResultFor(subjectId, decisions[i]))];
    }

    public static BatchPermissionResult ResultFor(string subjectId, PermissionDecision? decision) => decision is { } known
        ? new BatchPermissionResult(subjectId, known.Allowed, known.Reasons)
        : new BatchPermissionResult(subjectId, false, [UnknownSubject]);
}
