using System.Collections.Concurrent;
using PrivacyLedger.Runtime;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Runtime.Tests;

/// <summary>What the test grains of one node saw: activations, deactivations, overlapping turns, ticks.</summary>
public sealed class RuntimeProbe
{
    private int _inside;
    private int _maxInside;

    public ConcurrentDictionary<string, int> Activations { get; } = new();
    public ConcurrentDictionary<string, DeactivationReason> Deactivations { get; } = new();
    public ConcurrentQueue<string> ReminderTicks { get; } = new();
    public ConcurrentQueue<string> TimerTicks { get; } = new();
    public ConcurrentQueue<string> FilteredCalls { get; } = new();
    public ConcurrentDictionary<string, int> FailActivations { get; } = new();

    /// <summary>While set, every reminder tick fails; counts the attempts.</summary>
    public bool FailReminders { get; set; }
    public int FailedReminderAttempts;

    /// <summary>Readers inside a read-only call right now, and a gate they wait on.</summary>
    public int ReadersInside;
    public TaskCompletionSource ReleaseReaders { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MaxConcurrentTurns => Volatile.Read(ref _maxInside);

    public IDisposable EnterTurn()
    {
        var inside = Interlocked.Increment(ref _inside);
        int max;
        while (inside > (max = Volatile.Read(ref _maxInside)) && Interlocked.CompareExchange(ref _maxInside, inside, max) != max)
        {
        }
        return new Exit(this);
    }

    private sealed class Exit(RuntimeProbe probe) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref probe._inside);
    }
}

public sealed class CounterState
{
    public int Value { get; set; }
    public string? Note { get; set; }
}

public interface ICounterGrain : IGrain
{
    Task<int> IncrementAsync();

    /// <summary>Increments with awaits inside the turn, so overlapping turns would lose updates.</summary>
    Task<int> IncrementSlowlyAsync();

    [ReadOnly]
    Task<int> GetAsync();

    /// <summary>Waits inside a read-only turn until the test releases the readers.</summary>
    [ReadOnly]
    Task<int> ReadWhileHeldAsync();

    /// <summary>Keeps a note in memory only; it reaches storage when the grain is deactivated.</summary>
    Task RememberAsync(string note);

    Task<string?> GetNoteAsync();

    Task CallSelfAsync();

    Task FailAsync();

    Task StartTimerAsync(TimeSpan period);

    Task RegisterReminderAsync(TimeSpan dueTime, TimeSpan period);

    Task<int> GetReminderTicksAsync();
}

public sealed class CounterGrain(RuntimeProbe probe) : Grain<CounterState>, ICounterGrain, IRemindable
{
    private int _reminderTicks;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (probe.FailActivations.TryRemove(Key, out _))
        {
            throw new InvalidOperationException("activation failed on purpose");
        }
        probe.Activations.AddOrUpdate(Key, 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Deactivations[Key] = reason;
        if (State.Note is not null)
        {
            await WriteStateAsync();
        }
    }

    public async Task<int> IncrementAsync()
    {
        State.Value++;
        await WriteStateAsync();
        return State.Value;
    }

    public async Task<int> IncrementSlowlyAsync()
    {
        using (probe.EnterTurn())
        {
            var read = State.Value;
            await Task.Yield();
            await Task.Delay(1);
            State.Value = read + 1;
            await WriteStateAsync();
            return State.Value;
        }
    }

    public Task<int> GetAsync() => Task.FromResult(State.Value);

    public async Task<int> ReadWhileHeldAsync()
    {
        Interlocked.Increment(ref probe.ReadersInside);
        await probe.ReleaseReaders.Task;
        Interlocked.Decrement(ref probe.ReadersInside);
        return State.Value;
    }

    public Task RememberAsync(string note)
    {
        State.Note = note;
        return Task.CompletedTask;
    }

    public Task<string?> GetNoteAsync() => Task.FromResult(State.Note);

    public Task CallSelfAsync() => GrainFactory.GetGrain<ICounterGrain>(Key).GetAsync();

    public Task FailAsync() => throw new InvalidOperationException("grain method failed on purpose");

    public Task StartTimerAsync(TimeSpan period)
    {
        RegisterTimer(_ =>
        {
            probe.TimerTicks.Enqueue(Key);
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task RegisterReminderAsync(TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminderAsync("tick", dueTime, period);

    public Task<int> GetReminderTicksAsync() => Task.FromResult(_reminderTicks);

    public Task ReceiveReminderAsync(string reminderName, ReminderTick tick)
    {
        if (probe.FailReminders)
        {
            Interlocked.Increment(ref probe.FailedReminderAttempts);
            throw new InvalidOperationException("reminder failed on purpose");
        }
        _reminderTicks++;
        probe.ReminderTicks.Enqueue($"{Key}:{reminderName}");
        return Task.CompletedTask;
    }
}

/// <summary>Records the method of every call it sees.</summary>
public sealed class RecordingCallFilter(RuntimeProbe probe) : IGrainCallFilter
{
    public async Task InvokeAsync(GrainCallContext context, Func<Task> next)
    {
        probe.FilteredCalls.Enqueue($"{context.GrainKey}.{context.InterfaceMethod.Name}{(context.IsReadOnly ? " (read-only)" : "")}");
        await next();
    }
}
