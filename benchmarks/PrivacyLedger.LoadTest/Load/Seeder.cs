using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PrivacyLedger.LoadTest.Load;

/// <summary>How seeding went: through the bulk import or one enrolment at a time, and its counts.</summary>
internal sealed record SeedReport(string Method, long Enrolments, long Created, long Existing, long Failed, TimeSpan Elapsed, IReadOnlyList<string> ErrorSamples)
{
    public double PerSecond => Enrolments / Math.Max(Elapsed.TotalSeconds, 1e-3);
}

/// <summary>
/// Enrols the synthetic people. First choice: the bulk import, <c>POST /v1/imports</c> with JSON Lines (one
/// enrolment body plus <c>registerId</c> per line; the answer counts rows, created, existing and failed). A
/// gateway without it answers 404, and then every person is enrolled with <c>POST /v1/registers/{id}/members</c>,
/// many at a time.
/// </summary>
internal sealed class Seeder(LoadClient client, TextWriter log)
{
    private const int MaxErrorSamples = 5;
    private int _chunkLines = 1_000;
    private readonly List<string> _errors = [];
    private long _created;
    private long _existing;
    private long _failed;
    private int _next;

    private long Done => Interlocked.Read(ref _created) + Interlocked.Read(ref _existing) + Interlocked.Read(ref _failed);

    /// <param name="afterFirstThousands">Run once when 2,000 enrolments are done (the run uses it to ANALYZE a fresh database).</param>
    public async Task<SeedReport> SeedAsync(int people, int importConcurrency, int enrolConcurrency, Func<Task>? afterFirstThousands, CancellationToken cancellationToken)
    {
        var work = Enumerable.Range(0, people).Select(person => (person, 0))
            .Concat(Enumerable.Range(0, people).Where(SyntheticPeople.HasSecondMembership).Select(person => (person, 1)))
            .ToArray();
        var clock = Stopwatch.StartNew();
        using var progress = new Timer(_ => log.WriteLine($"  seeded {Done:N0} of {work.Length:N0} enrolments after {clock.Elapsed.TotalSeconds:F0} s"), null, 10_000, 10_000);
        var warmHook = new OnceAfter(2_000, afterFirstThousands);

        var method = "bulk import (POST /v1/imports)";
        // The first chunk alone tells whether the gateway has the import.
        if (!await ImportChunkAsync(TakeChunk(work), cancellationToken))
        {
            method = "per-person enrolment (POST /v1/registers/{id}/members; the gateway has no /v1/imports)";
            log.WriteLine($"  /v1/imports answered 404: enrolling one person per request, {enrolConcurrency} at a time");
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = enrolConcurrency, CancellationToken = cancellationToken }, async (item, token) =>
            {
                var (person, membership) = item;
                var reply = await client.PostJsonAsync($"/v1/registers/{SyntheticPeople.Registers[SyntheticPeople.RegisterIndex(person, membership)]}/members",
                    SyntheticPeople.EnrolmentBody(person, membership), token);
                Count(reply.Status == 201 ? 1 : 0, reply.Status == 200 ? 1 : 0, reply.IsSuccess ? 0 : 1, reply.IsSuccess ? null : reply.Describe());
                await warmHook.CheckAsync(Done);
            });
        }
        else
        {
            await warmHook.CheckAsync(Done);
            var workers = Enumerable.Range(0, importConcurrency).Select(_ => Task.Run(async () =>
            {
                while (TakeChunk(work) is { Count: > 0 } chunk)
                {
                    await ImportChunkAsync(chunk, cancellationToken);
                    await warmHook.CheckAsync(Done);
                }
            }, cancellationToken));
            await Task.WhenAll(workers);
        }
        return new SeedReport(method, work.Length, _created, _existing, _failed, clock.Elapsed, [.. _errors]);
    }

    /// <summary>The next chunk of the work, taken by whichever worker asks first; empty when all is taken.</summary>
    private ArraySegment<(int Person, int Membership)> TakeChunk((int, int)[] work)
    {
        var size = Volatile.Read(ref _chunkLines);
        var start = Interlocked.Add(ref _next, size) - size;
        return start >= work.Length ? [] : new ArraySegment<(int, int)>(work, start, Math.Min(size, work.Length - start));
    }

    /// <summary>Sends one chunk as JSON Lines. False: the gateway has no bulk import (404). A chunk over the body limit (413) is split.</summary>
    private async Task<bool> ImportChunkAsync(ArraySegment<(int Person, int Membership)> chunk, CancellationToken cancellationToken)
    {
        var reply = await client.SendAsync(HttpMethod.Post, "/v1/imports", JsonLines(chunk), cancellationToken);
        switch (reply.Status)
        {
            case 404:
                return false;
            case 413 when chunk.Count > 1:
                Interlocked.Exchange(ref _chunkLines, Math.Max(1, chunk.Count / 2));
                var half = chunk.Count / 2;
                await ImportChunkAsync(chunk[..half], cancellationToken);
                await ImportChunkAsync(chunk[half..], cancellationToken);
                return true;
            case 200:
                using (var answer = JsonDocument.Parse(reply.Body))
                {
                    var root = answer.RootElement;
                    var errors = root.TryGetProperty("errors", out var list) ? list.EnumerateArray().Take(MaxErrorSamples).Select(e => e.GetRawText()).ToList() : [];
                    Count(root.GetProperty("created").GetInt64(), root.GetProperty("existing").GetInt64(), root.GetProperty("failed").GetInt64(), errors.FirstOrDefault());
                }
                return true;
            default:
                Count(0, 0, chunk.Count, reply.Describe());
                return true;
        }
    }

    private static ByteArrayContent JsonLines(ArraySegment<(int Person, int Membership)> chunk)
    {
        var buffer = new ArrayBufferWriter<byte>(chunk.Count * 480);
        foreach (var (person, membership) in chunk)
        {
            using (var json = new Utf8JsonWriter(buffer))
            {
                SyntheticPeople.Write(json, person, membership, withRegisterId: true);
            }
            buffer.Write("\n"u8);
        }
        return new ByteArrayContent(buffer.WrittenSpan.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-ndjson") } };
    }

    private void Count(long created, long existing, long failed, string? error)
    {
        Interlocked.Add(ref _created, created);
        Interlocked.Add(ref _existing, existing);
        Interlocked.Add(ref _failed, failed);
        if (error is not null)
        {
            lock (_errors)
            {
                if (_errors.Count < MaxErrorSamples)
                {
                    _errors.Add(error);
                }
            }
        }
    }

    /// <summary>Runs an action once, the first time a count reaches a threshold.</summary>
    private sealed class OnceAfter(long threshold, Func<Task>? action)
    {
        private int _done;

        public async Task CheckAsync(long count)
        {
            if (action is not null && count >= threshold && Interlocked.Exchange(ref _done, 1) == 0)
            {
                await action();
            }
        }
    }
}
