using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Erasures;
using Xunit.Abstractions;

namespace PrivacyLedger.Ledger.Tests.Erasures;

public sealed class FileErasureJournalTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("erasure-journal-").FullName;

    private string JournalPath => Path.Combine(_folder, "erasures.journal");

    private FileErasureJournal Open() => Open(JournalPath);

    private static async Task<(List<ErasureRecord> Records, int Unreadable)> ReadAsync(IErasureJournal journal)
    {
        var stats = new ErasureJournalReadStats();
        var records = new List<ErasureRecord>();
        await foreach (var record in journal.ReadAllAsync(stats))
        {
            records.Add(record);
        }
        return (records, stats.UnreadableLines);
    }

    [Fact]
    public async Task Concurrent_appends_from_many_callers_are_all_durable_once_acknowledged()
    {
        const int count = 5_000;
        var ids = Enumerable.Range(0, count).Select(i => $"subject-{i:D5}").ToList();
        await using (var journal = Open())
        {
            // The cost per erasure as a purge campaign pays it: many grains appending at once share each flush.
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(ids.Select(id => Task.Run(() => journal.AppendAsync(new ErasureRecord(id, At)))));
            output.WriteLine($"{count} concurrent appends: {clock.Elapsed.TotalMilliseconds:0} ms, {clock.Elapsed.TotalMicroseconds / count:0.0} µs per erasure");

            // One at a time, each waits for its own flush: the cost without batching.
            clock.Restart();
            for (var i = 0; i < 200; i++)
            {
                await journal.AppendAsync(new ErasureRecord($"alone-{i}", At));
            }
            output.WriteLine($"200 sequential appends: {clock.Elapsed.TotalMicroseconds / 200:0} µs per erasure (one fsync each)");
        }

        await using var reopened = Open();
        var (records, unreadable) = await ReadAsync(reopened);
        Assert.Equal(0, unreadable);
        Assert.Equal(count + 200, records.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), records.Where(r => r.SubjectId.StartsWith("subject-", StringComparison.Ordinal)).Select(r => r.SubjectId).Order(StringComparer.Ordinal));
        Assert.All(records, record => Assert.Equal(At, record.ErasedAt));
    }

    [Fact]
    public async Task Two_writers_of_one_file_never_overwrite_each_other()
    {
        // Two gateways on one data directory (a test's restart), or nodes sharing one journal: each append lands at the end.
        await using var first = Open();
        await using var second = Open();
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => (i % 2 == 0 ? first : second).AppendAsync(new ErasureRecord($"s-{i}", At))));

        var (records, unreadable) = await ReadAsync(first);
        Assert.Equal(0, unreadable);
        Assert.Equal(500, records.Select(r => r.SubjectId).Distinct().Count());
    }

    [Fact]
    public async Task A_line_torn_by_a_crash_is_skipped_and_the_next_record_starts_a_line_of_its_own()
    {
        await File.WriteAllTextAsync(JournalPath, """{"subjectId":"before","erasedAt":"2026-12-06T22:00:00+00:00"}""" + "\n" + """{"subjectId":"torn","eras""");

        await using var journal = Open();
        await journal.AppendAsync(new ErasureRecord("after", At));

        var (records, unreadable) = await ReadAsync(journal);
        Assert.Equal(["before", "after"], records.Select(r => r.SubjectId));
        Assert.Equal(1, unreadable);
    }

    [Fact]
    public async Task A_read_sees_the_journal_as_it_was_when_the_read_began()
    {
        // A reconciliation appends its own re-erasures to the journal it is reading: they are not read again.
        await using var journal = Open();
        foreach (var id in new[] { "a", "b", "c" })
        {
            await journal.AppendAsync(new ErasureRecord(id, At));
        }
        var read = new List<string>();
        await foreach (var record in journal.ReadAllAsync(new ErasureJournalReadStats()))
        {
            read.Add(record.SubjectId);
            await journal.AppendAsync(new ErasureRecord($"{record.SubjectId}-again", At));
        }

        Assert.Equal(["a", "b", "c"], read);
        Assert.Equal(6, (await ReadAsync(journal)).Records.Count);
    }

    [Fact]
    public void A_location_that_cannot_be_written_is_refused_before_anything_runs()
    {
        var notAFolder = Path.Combine(_folder, "a-file");
        File.WriteAllText(notAFolder, "");

        Assert.ThrowsAny<IOException>(() => Open(Path.Combine(notAFolder, "erasures.journal")));
    }

    private static FileErasureJournal Open(string path) =>
        new(Options.Create(new ErasureJournalOptions { Path = path }), NullLogger<FileErasureJournal>.Instance);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
