using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Runtime.Hosting;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Runtime.Tests;

/// <summary>
/// The runtime's guarantees, proven on real storage. Written once; each engine subclasses it
/// (<see cref="PostgresRuntimeTests"/>, <see cref="SqliteRuntimeTests"/>).
/// </summary>
public abstract class RuntimeTests : StorageTestBase
{
    private static readonly TimeSpan IdleAge = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CollectionInterval = TimeSpan.FromMinutes(1);

    protected sealed record Node(ServiceProvider Services, GrainRuntime Runtime, RuntimeProbe Probe, CountingStateStore Writes)
    {
        public ICounterGrain Counter(string key) => Runtime.GetGrain<ICounterGrain>(key);
    }

    protected async Task<Node> StartNodeAsync(Action<GrainRuntimeOptions>? configure = null)
    {
        var services = await CreateServicesAsync(services =>
        {
            var storeDescriptor = services.Last(descriptor => descriptor.ServiceType == typeof(IGrainStateStore));
            services.Remove(storeDescriptor);
            services.AddSingleton(provider => new CountingStateStore(
                (IGrainStateStore)ActivatorUtilities.CreateInstance(provider, storeDescriptor.ImplementationType!)));
            services.AddSingleton<IGrainStateStore>(provider => provider.GetRequiredService<CountingStateStore>());
            services.AddSingleton<RuntimeProbe>();
            services.AddSingleton<IGrainCallFilter, RecordingCallFilter>();
            services.AddGrainRuntime(grains => grains.Add<ICounterGrain, CounterGrain>("counter"), options =>
            {
                options.IdleDeactivationAge = IdleAge;
                options.CollectionInterval = CollectionInterval;
                options.ReminderPollInterval = TimeSpan.FromSeconds(5);
                configure?.Invoke(options);
            });
        });
        var runtime = services.GetRequiredService<GrainRuntime>();
        await runtime.StartAsync();
        return new Node(services, runtime, services.GetRequiredService<RuntimeProbe>(), services.GetRequiredService<CountingStateStore>());
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>New counters incremented once on a node of their own, so another node activates them from storage.</summary>
    private async Task<List<string>> CountersStoredAtOneAsync(int count)
    {
        var writer = await StartNodeAsync();
        var keys = Enumerable.Range(0, count).Select(_ => NewKey()).ToList();
        await Task.WhenAll(keys.Select(key => writer.Counter(key).IncrementAsync()));
        return keys;
    }

    [Fact]
    public async Task A_grain_activates_on_its_first_call_and_once_only()
    {
        var node = await StartNodeAsync();
        var key = NewKey();
        var counter = node.Counter(key);
        Assert.False(node.Probe.Activations.ContainsKey(key));

        await counter.IncrementAsync();
        await node.Counter(key).IncrementAsync();

        Assert.Equal(1, node.Probe.Activations[key]);
        Assert.Equal(1, node.Runtime.ActivationCount);
    }

    [Fact]
    public async Task Turns_of_one_grain_never_interleave()
    {
        var node = await StartNodeAsync();
        var counter = node.Counter(NewKey());

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(counter.IncrementSlowlyAsync)));

        Assert.Equal(1, node.Probe.MaxConcurrentTurns);
        Assert.Equal(Enumerable.Range(1, 40), results.Order());
        Assert.Equal(40, await counter.GetAsync());
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other_but_a_write_waits_for_them()
    {
        var node = await StartNodeAsync();
        var counter = node.Counter(NewKey());
        await counter.IncrementAsync();

        var readers = Enumerable.Range(0, 3).Select(_ => counter.ReadWhileHeldAsync()).ToList();
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref node.Probe.ReadersInside) == 3));
        var write = counter.IncrementAsync();
        await Task.Delay(100);
        Assert.False(write.IsCompleted);

        node.Probe.ReleaseReaders.SetResult();

        Assert.All(await Task.WhenAll(readers), value => Assert.Equal(1, value));
        Assert.Equal(2, await write);
    }

    [Fact]
    public async Task An_idle_grain_is_deactivated_by_the_clock_and_comes_back_with_its_state()
    {
        var node = await StartNodeAsync();
        var key = NewKey();
        await node.Counter(key).IncrementAsync();

        Clock.Advance(IdleAge - CollectionInterval);
        await Task.Delay(50);
        Assert.Equal(1, node.Runtime.ActivationCount);
        Clock.Advance(CollectionInterval * 2);

        Assert.True(await Eventually.TrueAsync(() => node.Runtime.ActivationCount == 0));
        Assert.Equal(DeactivationReason.Idle, node.Probe.Deactivations[key]);
        Assert.Equal(2, await node.Counter(key).IncrementAsync());
        Assert.Equal(2, node.Probe.Activations[key]);
    }

    [Fact]
    public async Task Past_the_cap_the_least_recently_used_grains_are_deactivated_first()
    {
        var node = await StartNodeAsync(options => options.MaxActivations = 10);
        var keys = Enumerable.Range(0, 12).Select(i => $"{NewKey()}-{i:D2}").ToList();
        foreach (var key in keys)
        {
            await node.Counter(key).IncrementAsync();
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(await Eventually.TrueAsync(() => node.Runtime.ActivationCount <= 10));
        Assert.Equal(DeactivationReason.CapacityExceeded, node.Probe.Deactivations[keys[0]]);
        Assert.Equal(DeactivationReason.CapacityExceeded, node.Probe.Deactivations[keys[1]]);
        Assert.False(node.Probe.Deactivations.ContainsKey(keys[^1]));
        Assert.Equal(2, await node.Counter(keys[0]).IncrementAsync());
    }

    [Fact]
    public async Task Two_nodes_holding_one_grain_cannot_overwrite_each_others_writes()
    {
        var nodeA = await StartNodeAsync(options => options.NodeId = "a");
        var nodeB = await StartNodeAsync(options => options.NodeId = "b");
        var key = NewKey();
        await nodeA.Counter(key).IncrementAsync();
        Assert.Equal(1, await nodeB.Counter(key).GetAsync());

        Assert.Equal(2, await nodeA.Counter(key).IncrementAsync());
        var conflict = await Assert.ThrowsAsync<GrainStateConflictException>(() => nodeB.Counter(key).IncrementAsync());

        Assert.Equal(new GrainKey("counter", key), conflict.GrainKey);
        Assert.Equal(2, await nodeA.Counter(key).GetAsync());
        Assert.Equal(3, await nodeB.Counter(key).IncrementAsync());
        Assert.Equal(2, nodeB.Probe.Activations[key]);
        var fresh = await StartNodeAsync();
        Assert.Equal(3, await fresh.Counter(key).GetAsync());
    }

    [Fact]
    public async Task Concurrent_writes_are_all_durable_and_share_round_trips()
    {
        const int writes = 200;
        var node = await StartNodeAsync();
        var keys = Enumerable.Range(0, writes).Select(_ => NewKey()).ToList();
        await Task.WhenAll(keys.Select(key => node.Counter(key).GetAsync()));

        var results = await Task.WhenAll(keys.Select(key => Task.Run(() => node.Counter(key).IncrementAsync())));

        Assert.All(results, value => Assert.Equal(1, value));
        Assert.InRange(node.Writes.WriteCalls, 1, writes - 1);
        var reader = await StartNodeAsync();
        var stored = await Task.WhenAll(keys.Select(key => reader.Counter(key).GetAsync()));
        Assert.All(stored, value => Assert.Equal(1, value));
    }

    [Fact]
    public async Task Activations_that_need_their_state_together_share_read_round_trips()
    {
        const int activations = 200;
        var keys = await CountersStoredAtOneAsync(activations);
        var node = await StartNodeAsync(options => options.MaxConcurrentReadBatches = 1);
        node.Writes.ReadsReleased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first read holds the only batch slot; every other activation queues behind it.
        var calls = keys.Select(key => Task.Run(() => node.Counter(key).GetAsync())).ToList();
        Assert.True(await Eventually.TrueAsync(() => node.Runtime.ActivationCount == activations && node.Writes.ReadBatches == 1));
        node.Writes.ReadsReleased.SetResult();
        var values = await Task.WhenAll(calls);

        Assert.All(values, value => Assert.Equal(1, value));
        Assert.Equal(0, node.Writes.SingleReads);
        Assert.InRange(node.Writes.ReadBatches, 2, activations - 1);
        Assert.True(node.Writes.LargestReadBatch > 1, $"largest read batch {node.Writes.LargestReadBatch}");
    }

    [Fact]
    public async Task A_failed_read_batch_fails_the_activations_in_it_and_the_next_call_reads_again()
    {
        var key = (await CountersStoredAtOneAsync(1))[0];
        var node = await StartNodeAsync();
        node.Writes.FailReadBatches(1);

        await Assert.ThrowsAsync<IOException>(() => node.Counter(key).GetAsync());

        Assert.Equal(0, node.Runtime.ActivationCount);
        Assert.Equal(1, await node.Counter(key).GetAsync());
        Assert.Equal(2, node.Writes.ReadBatches);
    }

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_on_the_next_node()
    {
        var first = await StartNodeAsync();
        var key = NewKey();
        await first.Counter(key).RegisterReminderAsync(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));
        await first.Runtime.StopAsync();
        Assert.Empty(first.Probe.ReminderTicks);

        var second = await StartNodeAsync();
        Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.True(await Eventually.TrueAsync(() => second.Probe.ReminderTicks.Contains($"{key}:tick")));
        Assert.Equal(1, second.Probe.Activations[key]);
        // After the tick is handled the reminder is rescheduled one period after its due time.
        var store = second.Services.GetRequiredService<IReminderStore>();
        var nextDue = Clock.GetUtcNow().AddMinutes(-1).AddHours(1);
        Assert.True(await Eventually.TrueAsync(async () =>
            (await store.ListAsync(new GrainKey("counter", key))).Single().DueAt == nextDue));
    }

    [Fact]
    public async Task Shutdown_finishes_turns_in_flight_and_flushes_their_writes()
    {
        var node = await StartNodeAsync();
        var keys = Enumerable.Range(0, 50).Select(_ => NewKey()).ToList();
        var remembered = NewKey();
        await node.Counter(remembered).RememberAsync("written at deactivation");

        var calls = keys.Select(key => node.Counter(key).IncrementSlowlyAsync()).ToList();
        await node.Runtime.StopAsync();

        Assert.All(await Task.WhenAll(calls), value => Assert.Equal(1, value));
        await Assert.ThrowsAsync<GrainRuntimeStoppingException>(() => node.Counter(NewKey()).GetAsync());
        var next = await StartNodeAsync();
        Assert.All(await Task.WhenAll(keys.Select(key => next.Counter(key).GetAsync())), value => Assert.Equal(1, value));
        Assert.Equal("written at deactivation", await next.Counter(remembered).GetNoteAsync());
    }

    [Fact]
    public async Task A_call_back_into_a_grain_already_in_the_chain_fails_at_once_instead_of_deadlocking()
    {
        var node = await StartNodeAsync();

        await Assert.ThrowsAsync<GrainDeadlockException>(() => node.Counter(NewKey()).CallSelfAsync());
    }

    [Fact]
    public async Task A_failing_call_reaches_its_caller_and_the_grain_goes_on()
    {
        var node = await StartNodeAsync();
        var counter = node.Counter(NewKey());
        await counter.IncrementAsync();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(counter.FailAsync);

        Assert.Equal("grain method failed on purpose", failure.Message);
        Assert.Equal(2, await counter.IncrementAsync());
    }

    [Fact]
    public async Task A_failed_activation_is_retried_by_the_next_call()
    {
        var node = await StartNodeAsync();
        var key = NewKey();
        node.Probe.FailActivations[key] = 1;

        await Assert.ThrowsAsync<InvalidOperationException>(() => node.Counter(key).GetAsync());

        Assert.Equal(0, node.Runtime.ActivationCount);
        Assert.Equal(1, await node.Counter(key).IncrementAsync());
    }

    [Fact]
    public async Task Call_filters_see_every_call_with_its_method()
    {
        var node = await StartNodeAsync();
        var key = NewKey();

        await node.Counter(key).IncrementAsync();
        await node.Counter(key).GetAsync();

        Assert.Equal([$"counter/{key}.IncrementAsync", $"counter/{key}.GetAsync (read-only)"], node.Probe.FilteredCalls);
    }

    [Fact]
    public async Task A_timer_ticks_with_the_clock_and_stops_with_its_activation()
    {
        var node = await StartNodeAsync();
        var key = NewKey();
        await node.Counter(key).StartTimerAsync(TimeSpan.FromMinutes(5));

        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await Eventually.TrueAsync(() => node.Probe.TimerTicks.Count == 1));
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await Eventually.TrueAsync(() => node.Probe.TimerTicks.Count == 2));

        // The collector skips a grain whose timer turn is running at that instant; later passes take it.
        Clock.Advance(IdleAge);
        Assert.True(await Eventually.TrueAsync(() =>
        {
            Clock.Advance(CollectionInterval);
            return node.Runtime.ActivationCount == 0;
        }));
        var ticksAtDeactivation = node.Probe.TimerTicks.Count;
        Clock.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(50);
        Assert.Equal(ticksAtDeactivation, node.Probe.TimerTicks.Count);
    }

    [Fact]
    public async Task Shutdown_abandons_a_turn_that_outlives_its_timeout_and_acknowledges_nothing_of_it()
    {
        var node = await StartNodeAsync(options => options.ShutdownTimeout = TimeSpan.FromMilliseconds(200));
        var key = NewKey();
        await node.Counter(key).IncrementAsync();
        var stuck = node.Counter(key).ReadWhileHeldAsync();
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref node.Probe.ReadersInside) == 1));
        var write = node.Counter(key).IncrementAsync();

        var stopping = node.Runtime.StopAsync();
        // The shutdown timeout runs on the runtime's clock.
        Assert.True(await Eventually.TrueAsync(() =>
        {
            Clock.Advance(TimeSpan.FromMilliseconds(100));
            return stopping.IsCompleted;
        }), "shutdown hung on a stuck turn");
        await stopping;

        node.Probe.ReleaseReaders.SetResult();
        Assert.Equal(1, await stuck);
        await Assert.ThrowsAsync<GrainRuntimeStoppingException>(() => write);
        var next = await StartNodeAsync();
        Assert.Equal(1, await next.Counter(key).GetAsync());
    }

    [Fact]
    public async Task Failing_reminders_are_retried_once_per_poll_and_never_hold_up_shutdown()
    {
        var node = await StartNodeAsync();
        node.Probe.FailReminders = true;
        var keys = Enumerable.Range(0, 150).Select(_ => NewKey()).ToList();
        foreach (var key in keys)
        {
            await node.Counter(key).RegisterReminderAsync(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        }

        Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref node.Probe.FailedReminderAttempts) >= 100));
        await Task.Delay(500);

        // One poll claims one batch (100); failed ticks wait for the next poll instead of being claimed again at once.
        Assert.InRange(Volatile.Read(ref node.Probe.FailedReminderAttempts), 100, keys.Count);
        Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref node.Probe.FailedReminderAttempts) >= 200));
        var stopping = node.Runtime.StopAsync();
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public async Task Shutdown_cut_short_by_the_host_still_flushes_what_was_written()
    {
        var node = await StartNodeAsync();
        var key = NewKey();
        await node.Counter(key).RememberAsync("kept");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await node.Runtime.StopAsync(cancelled.Token);

        Assert.Equal("kept", await (await StartNodeAsync()).Counter(key).GetNoteAsync());
    }
}
