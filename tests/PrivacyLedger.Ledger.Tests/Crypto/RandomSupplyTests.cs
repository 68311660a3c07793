using System.Reflection;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Tests.Crypto;

/// <summary>
/// An import's nonces, data keys and subject ids come from one supply per range of people, drawn from the CSPRNG a buffer
/// at a time: no byte may be handed out twice (a repeated AES-GCM nonce under one key gives the key's authentication away),
/// and a key drawn must leave no copy in the buffer.
/// </summary>
public sealed class RandomSupplyTests
{
    [Fact]
    public void Nonces_and_keys_drawn_across_many_refills_are_never_repeated()
    {
        using var supply = new RandomSupply();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Span<byte> nonce = stackalloc byte[12];
        for (var i = 0; i < 100_000; i++)
        {
            supply.Fill(nonce);
            Assert.True(seen.Add(Convert.ToHexString(nonce)));
            if (i % 3 == 0)
            {
                // A key between nonces, as an import's range draws its people's keys and then their seals' nonces.
                Assert.True(seen.Add(Convert.ToHexString(supply.GetBytes(32))));
            }
        }
    }

    [Fact]
    public void A_draw_longer_than_the_buffer_comes_straight_from_the_CSPRNG()
    {
        using var supply = new RandomSupply(bufferBytes: 64);

        var first = supply.GetBytes(1000);
        var second = supply.GetBytes(1000);

        Assert.NotEqual(first, second);
        Assert.NotEqual(new byte[1000], first);
    }

    [Fact]
    public void A_drawn_key_leaves_no_copy_in_the_buffer_and_disposing_clears_what_was_not_drawn()
    {
        var supply = new RandomSupply();
        var key = supply.GetBytes(32);
        var buffer = Buffer(supply);

        Assert.Equal(-1, buffer.AsSpan().IndexOf(key));
        Assert.Equal(-1, buffer.AsSpan().IndexOf(key.AsSpan(0, 8)));
        Assert.NotEqual(new byte[buffer.Length], buffer);

        supply.Dispose();

        Assert.Equal(new byte[buffer.Length], buffer);
        // Not refilled afterwards, where nothing would clear it again.
        Assert.Throws<ObjectDisposedException>(() => supply.GetBytes(12));
        Assert.Equal(new byte[buffer.Length], buffer);
    }

    [Fact]
    public void Version_7_ids_are_laid_out_as_the_runtimes_with_the_time_first_and_are_never_repeated()
    {
        using var supply = new RandomSupply();
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, 123, TimeSpan.Zero);
        var runtimes = Guid.CreateVersion7(at);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < 100_000; i++)
        {
            var id = supply.CreateVersion7(at);
            Assert.True(seen.Add(id));
            Assert.Equal(7, id.Version);
            // The variant is the top two bits, 10 (RFC 9562); Guid.Variant gives four, the other two random.
            Assert.Equal(runtimes.Variant >> 2, id.Variant >> 2);
            // 48 bits of milliseconds, then the version digit.
            Assert.Equal(runtimes.ToString("N")[..13], id.ToString("N")[..13]);
        }
        Assert.StartsWith(at.ToUnixTimeMilliseconds().ToString("x12"), seen.First().ToString("N"), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => supply.CreateVersion7(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));
    }

    internal static byte[] Buffer(RandomSupply supply) =>
        (byte[])typeof(RandomSupply).GetField("_buffer", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(supply)!;
}
