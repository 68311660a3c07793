using PrivacyLedger.Storage;
using System.Linq.Expressions;
using System.Reflection;

namespace PrivacyLedger.Runtime.Internal;

/// <summary>
/// Turns a call on a grain interface into a turn on the grain. One per interface method, built once:
/// the call into the grain is a compiled delegate, not reflection.
/// </summary>
internal abstract class MethodDispatcher(MethodInfo method)
{
    public MethodInfo Method { get; } = method;

    public bool IsReadOnly { get; } = method.GetCustomAttribute<ReadOnlyAttribute>() is not null;

    public GrainCallContext ContextFor(GrainKey grainId) => new(grainId, Method, IsReadOnly);

    public abstract object Dispatch(GrainRuntime runtime, GrainKey grainId, object?[] arguments);

    public static MethodDispatcher Create(MethodInfo method)
    {
        if (method.ReturnType == typeof(Task))
        {
            return new VoidMethodDispatcher(method);
        }
        var resultType = method.ReturnType.GetGenericArguments()[0];
        return (MethodDispatcher)Activator.CreateInstance(typeof(ResultMethodDispatcher<>).MakeGenericType(resultType), method)!;
    }

    /// <summary>Compiles <c>(grain, args) => ((TInterface)grain).Method((T0)args[0], …)</c>.</summary>
    protected static TDelegate Compile<TDelegate>(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var parameters = method.GetParameters().Select((parameter, index) =>
            Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(index)), parameter.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        return Expression.Lambda<TDelegate>(call, grain, arguments).Compile();
    }
}

internal sealed class VoidMethodDispatcher(MethodInfo method) : MethodDispatcher(method)
{
    private readonly Func<object, object?[], Task> _invoke = Compile<Func<object, object?[], Task>>(method);

    public override object Dispatch(GrainRuntime runtime, GrainKey grainId, object?[] arguments) =>
        runtime.InvokeAsync<object?>(grainId, this, IsReadOnly, async grain =>
        {
            await _invoke(grain, arguments);
            return null;
        });
}

internal sealed class ResultMethodDispatcher<TResult>(MethodInfo method) : MethodDispatcher(method)
{
    private readonly Func<object, object?[], Task<TResult>> _invoke = Compile<Func<object, object?[], Task<TResult>>>(method);

    public override object Dispatch(GrainRuntime runtime, GrainKey grainId, object?[] arguments) =>
        runtime.InvokeAsync(grainId, this, IsReadOnly, grain => _invoke(grain, arguments));
}
