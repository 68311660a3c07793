using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Storage;
using PrivacyLedger.Ledger.Hosting;
using PrivacyLedger.Ledger.Retention;

namespace PrivacyLedger.Ledger.Tests.Hosting;

/// <summary>Two nodes starting together: the start-up task's write may meet the other node's, and the start must not fail.</summary>
public sealed class RegisterDefinitionLoaderTests
{
    [Fact]
    public async Task A_conflicting_write_while_another_node_starts_is_tried_again()
    {
        var sweep = new ConflictingSweep(conflicts: 2);

        await Loader(sweep).Execute(CancellationToken.None);

        Assert.Equal(3, sweep.Calls);
    }

    [Fact]
    public async Task Conflicts_that_do_not_end_still_fail_the_start()
    {
        var sweep = new ConflictingSweep(conflicts: int.MaxValue);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Loader(sweep).Execute(CancellationToken.None));
        Assert.Equal(5, sweep.Calls);
    }

    private static RegisterDefinitionLoader Loader(IRetentionSweepGrain sweep) =>
        new(GrainsAnswering.With(sweep), Options.Create(new LedgerOptions { RegistersPath = "" }), NullLogger<RegisterDefinitionLoader>.Instance);

    private sealed class ConflictingSweep(int conflicts) : IRetentionSweepGrain
    {
        public int Calls { get; private set; }

        public Task EnsureScheduledAsync(TimeSpan interval) =>
            ++Calls <= conflicts ? Task.FromException(new InconsistentStateException("written meanwhile", "1", "0")) : Task.CompletedTask;

        public Task<SweepReport> SweepNowAsync(string? registerId, bool dryRun, Actor actor) => throw new NotSupportedException();
    }

    /// <summary>A grain factory whose every GetGrain answers the one grain given.</summary>
    public class GrainsAnswering : DispatchProxy
    {
        private object? _grain;

        public static IGrainFactory With(object grain)
        {
            var factory = Create<IGrainFactory, GrainsAnswering>();
            ((GrainsAnswering)(object)factory)._grain = grain;
            return factory;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IGrainFactory.GetGrain) ? _grain : throw new NotSupportedException(targetMethod?.Name);
    }
}
