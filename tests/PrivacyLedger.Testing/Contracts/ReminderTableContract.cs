using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Xunit;

namespace PrivacyLedger.Testing.Contracts;

/// <summary>
/// The contract of Orleans' <see cref="IReminderTable"/> as the reminder service relies on it, run against every
/// table we ship: ours on SQLite and Orleans' ADO.NET one on our PostgreSQL scripts. A subclass registers the
/// table (under ClusterOptions.ServiceId, which this suite sets to a service of each test's own, so tests sharing a
/// database never see each other's rows).
/// </summary>
public abstract class ReminderTableContract : StorageTestBase
{
    /// <summary>Whole milliseconds: both engines keep reminder times to the millisecond.</summary>
    private static readonly DateTime Start = new(2026, 12, 6, 9, 30, 15, 250, DateTimeKind.Utc);

    protected string ServiceId { get; } = $"contract-{Guid.NewGuid():N}";

    protected async Task<IReminderTable> StartTableAsync()
    {
        var services = await CreateServicesAsync(services => services.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = "contract";
            options.ServiceId = ServiceId;
        }));
        var table = services.GetRequiredService<IReminderTable>();
        await table.StartAsync();
        return table;
    }

    protected static GrainId NewGrain() => GrainId.Create("sweeper", Guid.NewGuid().ToString("N"));

    protected static ReminderEntry Entry(GrainId grain, string name, DateTime? start = null, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = start ?? Start,
        Period = period ?? TimeSpan.FromMinutes(5),
    };

    [Fact]
    public async Task An_upserted_row_reads_back_with_its_schedule_and_etag()
    {
        var table = await StartTableAsync();
        var grain = NewGrain();

        var etag = await table.UpsertRow(Entry(grain, "daily", Start, TimeSpan.FromDays(1)));

        var row = await table.ReadRow(grain, "daily");
        Assert.NotNull(row);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(grain, row.GrainId);
        Assert.Equal("daily", row.ReminderName);
        Assert.Equal(Start, row.StartAt);
        Assert.Equal(TimeSpan.FromDays(1), row.Period);
        Assert.Equal(etag, row.ETag);
    }

    [Fact]
    public async Task A_missing_row_reads_as_null()
    {
        var table = await StartTableAsync();

        Assert.Null(await table.ReadRow(NewGrain(), "nothing"));
        Assert.Empty((await table.ReadRows(NewGrain())).Reminders);
    }

    [Fact]
    public async Task Every_upsert_replaces_the_schedule_under_a_new_etag()
    {
        var table = await StartTableAsync();
        var grain = NewGrain();

        var first = await table.UpsertRow(Entry(grain, "r"));
        var second = await table.UpsertRow(Entry(grain, "r", Start.AddHours(1), TimeSpan.FromHours(2)));
        var third = await table.UpsertRow(Entry(grain, "r", Start.AddHours(1), TimeSpan.FromHours(2)));

        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
        var row = await table.ReadRow(grain, "r");
        Assert.NotNull(row);
        Assert.Equal(third, row.ETag);
        Assert.Equal(Start.AddHours(1), row.StartAt);
        Assert.Equal(TimeSpan.FromHours(2), row.Period);
        Assert.Single((await table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task Removing_with_a_stale_etag_fails_and_keeps_the_row()
    {
        var table = await StartTableAsync();
        var grain = NewGrain();
        var stale = await table.UpsertRow(Entry(grain, "r"));
        var current = await table.UpsertRow(Entry(grain, "r"));

        Assert.False(await table.RemoveRow(grain, "r", stale!));
        Assert.NotNull(await table.ReadRow(grain, "r"));

        Assert.True(await table.RemoveRow(grain, "r", current!));
        Assert.Null(await table.ReadRow(grain, "r"));
        Assert.False(await table.RemoveRow(grain, "r", current!));
    }

    [Fact]
    public async Task A_row_registered_again_after_removal_does_not_take_back_an_old_etag()
    {
        var table = await StartTableAsync();
        var grain = NewGrain();
        var before = await table.UpsertRow(Entry(grain, "r"));
        Assert.True(await table.RemoveRow(grain, "r", before!));

        var after = await table.UpsertRow(Entry(grain, "r"));

        Assert.NotEqual(before, after);
        Assert.False(await table.RemoveRow(grain, "r", before!));
        Assert.NotNull(await table.ReadRow(grain, "r"));
    }

    [Fact]
    public async Task Rows_of_a_grain_are_read_together_and_apart_from_other_grains()
    {
        var table = await StartTableAsync();
        var grain = NewGrain();
        var other = NewGrain();
        await table.UpsertRow(Entry(grain, "a"));
        await table.UpsertRow(Entry(grain, "b"));
        await table.UpsertRow(Entry(other, "a"));

        var rows = (await table.ReadRows(grain)).Reminders;
        Assert.Equal(["a", "b"], rows.Select(row => row.ReminderName).Order());
        Assert.All(rows, row => Assert.Equal(grain, row.GrainId));
        Assert.Equal(other, Assert.Single((await table.ReadRows(other)).Reminders).GrainId);
        Assert.NotNull(await table.ReadRow(other, "a"));
        Assert.Null(await table.ReadRow(other, "b"));
    }

    [Fact]
    public async Task A_range_read_takes_hashes_above_begin_up_to_and_including_end()
    {
        var table = await StartTableAsync();
        var ring = await RingAsync(table);

        Assert.Equal(ring[2..4], await PointsInAsync(table, ring[1].Hash, ring[3].Hash));
        Assert.Equal(ring[8..11], await PointsInAsync(table, ring[7].Hash, ring[10].Hash));
    }

    [Fact]
    public async Task A_range_with_begin_after_end_wraps_round_the_top_of_the_ring()
    {
        var table = await StartTableAsync();
        var ring = await RingAsync(table);

        RingPoint[] wrapped = [ring[0], ring[1], ring[^1]];

        Assert.Equal(wrapped, await PointsInAsync(table, ring[^2].Hash, ring[1].Hash));
        Assert.Equal(ring[^1..], await PointsInAsync(table, ring[^2].Hash, 0));
    }

    [Fact]
    public async Task Ranges_that_cross_the_middle_of_the_ring_are_read_in_unsigned_order()
    {
        // Orleans' ADO.NET provider binds hashes as signed integers; 2^31, between ring[5] and ring[6], is where
        // that order and the ring's part.
        var table = await StartTableAsync();
        var ring = await RingAsync(table);

        RingPoint[] wrapped = [.. ring[..4], .. ring[7..]];

        Assert.Equal(ring[4..8], await PointsInAsync(table, ring[3].Hash, ring[7].Hash));
        Assert.Equal(wrapped, await PointsInAsync(table, ring[6].Hash, ring[3].Hash));
    }

    [Fact]
    public async Task Begin_equal_to_end_reads_the_whole_ring()
    {
        var table = await StartTableAsync();
        var ring = await RingAsync(table);

        Assert.Equal(ring, await PointsInAsync(table, 0, 0));
        Assert.Equal(ring, await PointsInAsync(table, ring[3].Hash, ring[3].Hash));
    }

    [Fact]
    public async Task Clearing_the_table_removes_this_services_rows()
    {
        var table = await StartTableAsync();
        await RingAsync(table);

        await table.TestOnlyClearTable();

        Assert.Empty((await table.ReadRows(0, 0)).Reminders);
    }

    /// <summary>A reminder on each of twelve grains in ring order: ring[0..6] hash below 2^31, ring[6..12] above.</summary>
    private static async Task<RingPoint[]> RingAsync(IReminderTable table)
    {
        var low = new List<RingPoint>();
        var high = new List<RingPoint>();
        for (var i = 0; low.Count < 6 || high.Count < 6; i++)
        {
            var grain = GrainId.Create("ring", $"point-{i}");
            var point = new RingPoint(grain, grain.GetUniformHashCode());
            var side = point.Hash < 0x8000_0000u ? low : high;
            if (side.Count < 6)
            {
                side.Add(point);
            }
        }
        var ring = low.Concat(high).OrderBy(point => point.Hash).ToArray();
        foreach (var point in ring)
        {
            await table.UpsertRow(Entry(point.Grain, "tick"));
        }
        return ring;
    }

    /// <summary>The points a range read returns, in hash order (the order tests compare in, whatever the range).</summary>
    private static async Task<RingPoint[]> PointsInAsync(IReminderTable table, uint begin, uint end) =>
        [.. (await table.ReadRows(begin, end)).Reminders
            .Select(row => new RingPoint(row.GrainId, row.GrainId.GetUniformHashCode()))
            .OrderBy(point => point.Hash)];

    protected sealed record RingPoint(GrainId Grain, uint Hash);
}
