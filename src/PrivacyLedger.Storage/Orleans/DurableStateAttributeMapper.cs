using System.Reflection;
using Orleans.Runtime;

namespace PrivacyLedger.Storage.Orleans;

/// <summary>Tells Orleans how to build the <see cref="IDurableState{TState}"/> of a grain's constructor parameter.</summary>
internal sealed class DurableStateAttributeMapper : IAttributeToFactoryMapper<DurableStateAttribute>
{
    private static readonly MethodInfo CreateMethod = typeof(DurableStateAttributeMapper).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!;

    public Factory<IGrainContext, object> GetFactory(ParameterInfo parameter, DurableStateAttribute metadata)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IDurableState<>))
        {
            throw new ArgumentException(
                $"Parameter '{parameter.Name}' of {parameter.Member.DeclaringType} has [DurableState] but is not an IDurableState<TState>.", parameter.Name);
        }
        // A delegate, not MethodInfo.Invoke: it runs once per activation, and a purge activates every person it erases.
        var create = CreateMethod.MakeGenericMethod(type.GetGenericArguments()).CreateDelegate<Func<IGrainContext, object>>();
        return context => create(context);
    }

    private static DurableState<TState> Create<TState>(IGrainContext context) where TState : class, new() => new(context);
}
