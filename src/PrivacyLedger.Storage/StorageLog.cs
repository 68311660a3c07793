using Microsoft.Extensions.Logging;

namespace PrivacyLedger.Storage;

/// <summary>
/// Every log event of the storage layer, with its id, in one place. Fields are grain addresses and counts only:
/// grain keys are opaque ids chosen by the domain, and state is never logged.
/// </summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "State of grain {Grain} changed in storage since version {ExpectedVersion}; write rejected, activation dropped")]
    public static partial void StateConflict(ILogger logger, GrainKey grain, long expectedVersion);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information, Message = "A call to grain {Grain} failed after it may have changed the state in memory; the activation is dropped so the next call reads storage")]
    public static partial void FailedTurnDropped(ILogger logger, GrainKey grain);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Error, Message = "A batch of {Count} state writes failed; none of them was acknowledged")]
    public static partial void WriteBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Error, Message = "A batch of {Count} state reads failed; the activations waiting for it failed")]
    public static partial void ReadBatchFailed(ILogger logger, Exception exception, int count);
}
