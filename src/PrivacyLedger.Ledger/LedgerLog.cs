using Microsoft.Extensions.Logging;

namespace PrivacyLedger.Ledger;

/// <summary>
/// The ledger's log events, their ids kept in one place (2000-2999). Fields are ids and counts only: never
/// identifiers, names or any other personal data.
/// </summary>
internal static partial class LedgerLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Register {RegisterId} loaded at version {Version}; flags: {Flags}")]
    public static partial void RegisterLoaded(ILogger logger, string registerId, int version, string flags);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Start-up loading of registers met a concurrent write (attempt {Attempt}, another node starting too); trying again")]
    public static partial void StartupLoadConflict(ILogger logger, int attempt);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information,
        Message = "Import batch: {Rows} rows, {Created} subjects created in bulk, {Existing} rows enrolled one by one, {Failed} failed, {Retries} bulk retries; "
            + "{LookupMs} ms validating and looking up, {BuildMs} ms building, {LoadMs} ms loading, {OneByOneMs} ms one by one")]
    public static partial void ImportBatch(ILogger logger, int rows, int created, int existing, int failed, int retries, long lookupMs, long buildMs, long loadMs, long oneByOneMs);
}
