using System.Buffers;
using System.Text;
using PrivacyLedger.Ledger.Compact;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Tests.Compact;

/// <summary>
/// The writers that hold personal data in clear before it is sealed rent from the shared pool: what goes back must be
/// cleared. The pool hands the same thread the array it was just given back, so renting again shows what was left.
/// </summary>
public sealed class PooledBuffersClearedTests
{
    [Fact]
    public void A_state_writer_returns_its_buffer_cleared()
    {
        const string marker = "Marker-Person-Name-7319";
        using (var writer = new StateWriter(2))
        {
            writer.Text(marker);
        }

        AssertNoTraceOf(marker, 1024);
    }

    [Fact]
    public void A_state_writer_that_grows_returns_its_first_buffer_cleared()
    {
        const string marker = "Marker-Person-Name-4410";
        using (var writer = new StateWriter(2))
        {
            writer.Text(marker);
            writer.Bytes(new byte[4096]);
        }

        AssertNoTraceOf(marker, 1024);
    }

    [Fact]
    public void A_plain_writer_clears_the_text_it_wrote_ahead_of_its_position()
    {
        // A short string is written after room for a tag and a length, then moved left: its tail stays behind.
        const string marker = "abcdefghijkl";
        using (var writer = new PlainWriter())
        {
            Assert.True(writer.TryString(marker));
        }

        AssertNoTraceOf(marker[^4..], 512);
    }

    private static void AssertNoTraceOf(string text, int size)
    {
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            Assert.Equal(-1, rented.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
