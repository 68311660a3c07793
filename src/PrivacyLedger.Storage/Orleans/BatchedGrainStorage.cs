using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace PrivacyLedger.Storage.Orleans;

/// <summary>
/// The batched store as an Orleans <see cref="IGrainStorage"/> provider, for grains that keep a plain record in
/// <c>[PersistentState]</c>: group commit, batched reads, and the version check as the ETag (a stale write throws
/// <see cref="InconsistentStateException"/>). State is written by <see cref="IGrainStateSerializer"/> (plain JSON,
/// no .NET type names). One state per grain: the state name is not part of the key.
/// </summary>
internal sealed class BatchedGrainStorage(BatchedGrainStateStore store, IGrainStateSerializer serializer, StorageMetrics metrics, ILogger<BatchedGrainStorage> logger) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await store.ReadAsync(grainId.ToGrainKey());
        grainState.ETag = stored is null ? null : Format(stored.Version);
        grainState.RecordExists = stored?.Payload is not null;
        grainState.State = stored?.Payload is { } payload ? serializer.Deserialize<T>(payload) : Activator.CreateInstance<T>();
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteAsync(grainId, grainState, serializer.Serialize(grainState.State));

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await WriteAsync(grainId, grainState, payload: null);
        grainState.State = Activator.CreateInstance<T>();
    }

    private async Task WriteAsync<T>(GrainId grainId, IGrainState<T> grainState, byte[]? payload)
    {
        var key = grainId.ToGrainKey();
        var expected = grainState.ETag is { } etag ? long.Parse(etag, CultureInfo.InvariantCulture) : 0;
        var result = await store.WriteAsync(new StateWrite(key, expected, payload));
        if (result.IsConflict)
        {
            metrics.Conflict();
            StorageLog.StateConflict(logger, key, expected);
            throw new InconsistentStateException($"The state of grain {key} changed in storage since version {expected} was read; the write was rejected.", "unknown", Format(expected));
        }
        grainState.ETag = Format(result.Version);
        grainState.RecordExists = payload is not null;
    }

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
