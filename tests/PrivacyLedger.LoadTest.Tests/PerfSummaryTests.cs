using PrivacyLedger.LoadTest.Measurement;

namespace PrivacyLedger.LoadTest.Tests;

public class PerfSummaryTests
{
    [Fact]
    public void Gateway_samples_are_summed_by_assembly_or_library_and_postgres_is_left_out()
    {
        const string report = """
            # Samples: 1K of event 'cpu-clock'
                10.00%  .NET TP Worker   [JIT] tid 9224                 [.] instance void [System.Text.Json] System.Text.Json.WriteStack::Push()[OptimizedTier1]
                 5.00%  .NET TP Worker   [JIT] tid 9224                 [.] instance bool [System.Text.Json] System.Text.Json.Serialization.Converters.X::OnTryWrite()[OptimizedTier1]
                 4.00%  .NET TP Worker   [kernel.kallsyms]              [k] _raw_spin_unlock_irqrestore
                 3.00%  .NET Sockets     [kernel.kallsyms]              [k] sock_def_readable
                 2.50%  .NET TP Worker   [JIT] tid 9224                 [.] instance class PrivacyLedger.Runtime.Internal.Activation [PrivacyLedger.Runtime] PrivacyLedger.Runtime.GrainRuntime::GetOrCreateActivation(valuetype PrivacyLedger.Runtime.GrainKey)[OptimizedTier1]
                 9.00%  postgres         postgres                       [.] _bt_compare
            """;

        var summary = PerfRecorder.ByModule(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["  15.00%  System.Text.Json", "   7.00%  [kernel.kallsyms]", "   2.50%  PrivacyLedger.Runtime"], summary[1..]);
    }
}
