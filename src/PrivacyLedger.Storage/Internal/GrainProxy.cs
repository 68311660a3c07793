using PrivacyLedger.Storage;
using System.Reflection;

namespace PrivacyLedger.Runtime.Internal;

/// <summary>The reference a caller holds: every interface call becomes a turn on the grain through the runtime.</summary>
public class GrainProxy : DispatchProxy
{
    private GrainRuntime? _runtime;
    private GrainKey _grainId;

    /// <summary>A copy of this (unbound) proxy addressing one grain: a shallow copy costs far less than DispatchProxy.Create.</summary>
    internal GrainProxy BoundCopy(GrainRuntime runtime, GrainKey grainId)
    {
        var copy = (GrainProxy)MemberwiseClone();
        copy._runtime = runtime;
        copy._grainId = grainId;
        return copy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var runtime = _runtime ?? throw new InvalidOperationException("The grain reference is not bound to a runtime.");
        return runtime.DispatcherFor(targetMethod).Dispatch(runtime, _grainId, args ?? []);
    }

    public override string ToString() => _grainId.ToString();
}
