using PrivacyLedger.Storage;
using System.Reflection;

namespace PrivacyLedger.Runtime;

/// <summary>
/// Wraps every grain call (logging, metrics, tracing). Runs inside the turn; call <c>next</c> exactly once.
/// Arguments are not exposed: in this product they carry personal data.
/// </summary>
public interface IGrainCallFilter
{
    Task InvokeAsync(GrainCallContext context, Func<Task> next);
}

/// <summary>What a call filter knows of the call.</summary>
public sealed record GrainCallContext(GrainKey GrainKey, MethodInfo InterfaceMethod, bool IsReadOnly);
