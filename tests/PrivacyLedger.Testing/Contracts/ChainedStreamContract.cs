using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Storage;
using Xunit;

namespace PrivacyLedger.Testing.Contracts;

/// <summary>
/// A stream page hands each event the payload of the event before it (<see cref="StoredStreamEvent.Previous"/>), the
/// first one's read with the page, so chained rows need not repeat it; a page still holds at most its limit and starts
/// after the sequence number asked for. Each engine's test project subclasses it once.
/// </summary>
public abstract class ChainedStreamContract : StorageTestBase
{
    private static string Text(byte[]? bytes) => bytes is null ? "-" : Encoding.UTF8.GetString(bytes);

    [Fact]
    public async Task Every_event_of_a_page_comes_with_the_payload_of_the_one_before_it_from_wherever_the_page_starts()
    {
        var services = await CreateServicesAsync();
        var grain = new GrainKey("subject", Guid.NewGuid().ToString("N"));
        var stream = $"ledger/{grain.Key}";
        await services.GetRequiredService<IGrainStateStore>().WriteAsync([new StateWrite(grain, 0, [1])
        {
            Appends = [.. Enumerable.Range(1, 5).Select(seq => new StreamAppend(stream, seq, Encoding.UTF8.GetBytes($"e{seq}")))],
        }]);
        var streams = services.GetRequiredService<IEventStreamStore>();

        for (var after = 0; after <= 5; after++)
        {
            for (var limit = 1; limit <= 6; limit++)
            {
                var page = await streams.ReadAsync(stream, after, limit);
                var expected = Enumerable.Range(after + 1, Math.Max(0, Math.Min(limit, 5 - after))).Select(seq => $"{seq} e{seq} {(seq == 1 ? "-" : $"e{seq - 1}")}");
                Assert.Equal(expected, page.Select(e => $"{e.Sequence} {Text(e.Payload)} {Text(e.Previous)}"));
            }
        }
        Assert.Empty(await streams.ReadAsync(stream, 2, 0));
        Assert.Empty(await streams.ReadAsync($"ledger/{Guid.NewGuid():N}", 3, 10));
    }
}
