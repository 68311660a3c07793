using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace PrivacyLedger.Storage.Orleans;

/// <summary>
/// A call that fails may have changed a grain's state in memory before it failed. Orleans keeps the activation, so
/// this filter drops it instead: the next call reads the state from storage, and a failed turn leaves no trace.
/// Read-only calls change nothing and keep their activation. Both faces of the batched store count: <see cref="IDurableState{TState}"/>
/// and Orleans' <c>[PersistentState]</c>.
/// </summary>
internal sealed class FailedTurnFilter(ILogger<FailedTurnFilter> logger) : IIncomingGrainCallFilter
{
    // Grain classes that take Orleans' [PersistentState]: looked up once per class, on the first failed call.
    private readonly ConcurrentDictionary<Type, bool> _persistentStateClasses = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch when (HoldsDurableState(context) && !IsReadOnly(context.InterfaceMethod))
        {
            StorageLog.FailedTurnDropped(logger, context.TargetContext.GrainId.ToGrainKey());
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A call failed after it may have changed the state in memory."));
            throw;
        }
    }

    private bool HoldsDurableState(IIncomingGrainCallContext context) =>
        context.TargetContext.GetComponent<IDurableStateMarker>() is not null
        || (context.Grain is { } grain && _persistentStateClasses.GetOrAdd(grain.GetType(), TakesPersistentState));

    private static bool TakesPersistentState(Type grainClass) =>
        grainClass.GetConstructors().Any(constructor => constructor.GetParameters().Any(parameter => parameter.GetCustomAttribute<PersistentStateAttribute>() is not null));

    private static bool IsReadOnly(MethodInfo? method) => method?.GetCustomAttribute<ReadOnlyAttribute>() is not null;
}
