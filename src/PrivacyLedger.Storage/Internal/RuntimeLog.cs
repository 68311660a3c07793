using PrivacyLedger.Storage;
using Microsoft.Extensions.Logging;

namespace PrivacyLedger.Runtime.Internal;

/// <summary>
/// Every log event of the runtime, with its id, in one place. Fields are grain ids and counts only:
/// grain keys are opaque ids chosen by the domain, and call arguments are never logged.
/// </summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Grain runtime started on node {NodeId}")]
    public static partial void Started(ILogger logger, string nodeId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Grain runtime stopping on node {NodeId} with {ActivationCount} activations")]
    public static partial void Stopping(ILogger logger, string nodeId, int activationCount);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Grain runtime stopped on node {NodeId}")]
    public static partial void Stopped(ILogger logger, string nodeId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Shutdown gave up waiting for {CallCount} calls in flight")]
    public static partial void ShutdownTimedOut(ILogger logger, int callCount);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Activation of grain {GrainId} failed")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainKey grainId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Deactivation of grain {GrainId} ({Reason}) failed")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainKey grainId, DeactivationReason reason);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Debug, Message = "Deactivated {Count} activations ({Reason})")]
    public static partial void Collected(ILogger logger, int count, DeactivationReason reason);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "State of grain {GrainId} changed in storage since version {ExpectedVersion}; write rejected, activation dropped")]
    public static partial void StateConflict(ILogger logger, GrainKey grainId, long expectedVersion);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Error, Message = "A batch of {Count} state writes failed; none of them was acknowledged")]
    public static partial void WriteBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Error, Message = "A batch of {Count} state reads failed; the activations waiting for it failed")]
    public static partial void ReadBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Timer tick of grain {GrainId} failed")]
    public static partial void TimerFailed(ILogger logger, Exception exception, GrainKey grainId);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Warning, Message = "Reminder {ReminderName} of grain {GrainId} failed; it will be retried")]
    public static partial void ReminderFailed(ILogger logger, Exception exception, GrainKey grainId, string reminderName);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Error, Message = "Polling for due reminders failed")]
    public static partial void ReminderPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1042, Level = LogLevel.Warning, Message = "Reminder {ReminderName} names grain type {GrainType}, which this node does not host")]
    public static partial void ReminderForUnknownType(ILogger logger, string grainType, string reminderName);

    [LoggerMessage(EventId = 1050, Level = LogLevel.Error, Message = "Collecting idle activations failed")]
    public static partial void CollectionFailed(ILogger logger, Exception exception);
}
