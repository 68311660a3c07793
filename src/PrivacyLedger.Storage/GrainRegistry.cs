using PrivacyLedger.Storage;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace PrivacyLedger.Runtime;

/// <summary>
/// Which grain interface is served by which implementation, under which stable type name. The type
/// name is part of every stored grain id, so it must never change once data exists.
/// </summary>
public sealed class GrainRegistry
{
    private readonly Dictionary<Type, GrainRegistration> _byInterface = [];
    private readonly Dictionary<string, GrainRegistration> _byName = new(StringComparer.Ordinal);

    public GrainRegistry Add<TInterface, TGrain>(string typeName)
        where TInterface : IGrain
        where TGrain : Grain, TInterface
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        if (typeName.Contains('/'))
        {
            throw new ArgumentException("A grain type name cannot contain '/'.", nameof(typeName));
        }
        EnsureCallable(typeof(TInterface));
        var registration = new GrainRegistration(typeName, typeof(TInterface), typeof(TGrain),
            ActivatorUtilities.CreateFactory(typeof(TGrain), Type.EmptyTypes));
        if (!_byName.TryAdd(typeName, registration) || !_byInterface.TryAdd(typeof(TInterface), registration))
        {
            throw new InvalidOperationException($"Grain type '{typeName}' or interface {typeof(TInterface).Name} is registered twice.");
        }
        return this;
    }

    internal GrainRegistration ForInterface(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var registration)
            ? registration
            : throw new InvalidOperationException($"No grain implements {grainInterface.Name}; register it with {nameof(GrainRegistry)}.{nameof(Add)}.");

    internal bool TryGetByName(string typeName, out GrainRegistration registration) =>
        _byName.TryGetValue(typeName, out registration!);

    private static void EnsureCallable(Type grainInterface)
    {
        if (!grainInterface.IsInterface)
        {
            throw new ArgumentException($"{grainInterface.Name} must be an interface.");
        }
        var methods = grainInterface.GetMethods().Concat(grainInterface.GetInterfaces().SelectMany(i => i.GetMethods()));
        foreach (var method in methods)
        {
            var returns = method.ReturnType;
            var isTask = returns == typeof(Task) || (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>));
            if (!isTask || method.IsGenericMethod || method.GetParameters().Any(p => p.ParameterType.IsByRef))
            {
                throw new ArgumentException(
                    $"{grainInterface.Name}.{method.Name} must return Task or Task<T>, and take no ref, out or generic parameters.");
            }
        }
    }
}

internal sealed record GrainRegistration(string TypeName, Type Interface, Type Implementation, ObjectFactory Factory);
