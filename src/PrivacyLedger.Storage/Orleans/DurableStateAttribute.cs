using Orleans;

namespace PrivacyLedger.Storage.Orleans;

/// <summary>Marks a grain constructor parameter of type <see cref="IDurableState{TState}"/> to be given the grain's state.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DurableStateAttribute : Attribute, IFacetMetadata;
