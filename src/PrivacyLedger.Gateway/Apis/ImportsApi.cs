using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger.Imports;

namespace PrivacyLedger.Gateway.Apis;

/// <summary>
/// <c>POST /v1/imports</c>: enrols the people of a JSON Lines body through the bulk path. Batches commit one
/// after another while the next one is read and prepared, so CPU and database work overlap; each batch commits on its own,
/// and a repeated import of the same file enrols nobody twice (known people are found by their identifiers).
/// </summary>
internal static class ImportsApi
{
    private const long MaxImportBytes = 4L * 1024 * 1024 * 1024;
    private const int BatchLines = 5_000;
    private const int MaxReportedErrors = 1_000;

    public static IEndpointRouteBuilder MapImportsApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/imports").WithTags("Imports")
            .MapPost("/", ImportAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .Accepts<ImportLine>("application/x-ndjson");
        return app;
    }

    private static async Task<Ok<ImportResponse>> ImportAsync(
        HttpRequest request, string? registerId, SubjectImporter importer, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type || !(type.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/jsonl", StringComparison.OrdinalIgnoreCase)))
        {
            throw new BadHttpRequestException("Send the people as JSON Lines (application/x-ndjson), one enrolment per line.", StatusCodes.Status415UnsupportedMediaType);
        }
        var actor = user.ToActor();
        var totals = new ImportTotals(MaxReportedErrors);
        var reader = new ImportLineReader(request.Body, registerId, json.Value.SerializerOptions);
        // Batch k commits (database work) while batch k+1 is read and prepared (CPU work here).
        Task<ImportBatchOutcome>? committing = null;
        SubjectImporter.PreparedImport? previous = null;
        try
        {
            await foreach (var batch in reader.ReadBatchesAsync(BatchLines, cancellationToken))
            {
                totals.AddUnreadable(batch.Problems);
                var prepared = await importer.PrepareAsync(batch.Rows, actor, previous, cancellationToken);
                if (committing is not null)
                {
                    totals.Add(await committing);
                }
                committing = importer.CommitAsync(prepared, actor, cancellationToken);
                previous = prepared;
            }
        }
        finally
        {
            if (committing is not null)
            {
                totals.Add(await committing);
            }
        }
        return TypedResults.Ok(totals.ToResponse());
    }

    /// <summary>Adds up the batches; keeps the first errors by line for the answer.</summary>
    private sealed class ImportTotals(int maxErrors)
    {
        private readonly List<ImportProblem> _errors = [];
        private long _rows;
        private long _created;
        private long _existing;
        private long _failed;

        public void AddUnreadable(IReadOnlyList<ImportProblem> problems)
        {
            _rows += problems.Count;
            AddErrors(problems);
        }

        public void Add(ImportBatchOutcome outcome)
        {
            _rows += outcome.Rows;
            _created += outcome.Created;
            _existing += outcome.Existing;
            AddErrors(outcome.Problems);
        }

        public ImportResponse ToResponse() =>
            new(_rows, _created, _existing, _failed, [.. _errors.OrderBy(e => e.Line).Take(maxErrors)], _failed > maxErrors);

        private void AddErrors(IReadOnlyList<ImportProblem> problems)
        {
            _failed += problems.Count;
            // Lines arrive roughly in order; keep a margin so sorting at the end still yields the first ones.
            _errors.AddRange(problems.Take(Math.Max(0, 2 * maxErrors - _errors.Count)));
        }
    }
}
