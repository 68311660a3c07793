using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using PrivacyLedger.LoadTest.Measurement;

namespace PrivacyLedger.LoadTest.Load;

/// <summary>How seeding went: through the bulk import or one enrolment at a time, and its counts.</summary>
internal sealed record SeedReport(string Method, long Enrolments, long Created, long Existing, long Failed, TimeSpan Elapsed, IReadOnlyList<string> ErrorSamples)
{
    public IReadOnlyList<SeedPhase> Phases { get; init; } = [];

    public CpuSplit? Cpu { get; init; }

    public double PerSecond => Enrolments / Math.Max(Elapsed.TotalSeconds, 1e-3);
}

/// <summary>One phase of seeding and how long it took.</summary>
internal sealed record SeedPhase(string Name, long Enrolments, TimeSpan Elapsed)
{
    public double PerSecond => Enrolments / Math.Max(Elapsed.TotalSeconds, 1e-3);
}

/// <summary>
/// Enrols the synthetic people. First choice: the bulk import, <c>POST /v1/imports</c> with JSON Lines (one
/// enrolment body plus <c>registerId</c> per line; the answer counts rows, created, existing and failed). A
/// gateway without it answers 404, and then every person is enrolled with <c>POST /v1/registers/{id}/members</c>,
/// many at a time.
/// </summary>
internal sealed class Seeder(LoadClient client, CpuMeter cpu, TextWriter log)
{
    private const int MaxErrorSamples = 5;
    private int _chunkLines = 20_000;
    private readonly List<string> _errors = [];
    private long _created;
    private long _existing;
    private long _failed;
    private int _next;

    private long Done => Interlocked.Read(ref _created) + Interlocked.Read(ref _existing) + Interlocked.Read(ref _failed);

    /// <summary>
    /// Everyone's first membership, then the second memberships of every tenth person (enrolments of people already
    /// known, which the gateway handles one by one), each phase timed on its own.
    /// </summary>
    /// <param name="afterFirstThousands">Run once when 2,000 enrolments are done (the run uses it to ANALYZE a fresh database).</param>
    public async Task<SeedReport> SeedAsync(int people, int importConcurrency, int enrolConcurrency, Func<Task>? afterFirstThousands, CancellationToken cancellationToken)
    {
        (string Name, (int, int)[] Work)[] phases =
        [
            ("first memberships", [.. Enumerable.Range(0, people).Select(person => (person, 0))]),
            ("second memberships (people already known)", [.. Enumerable.Range(0, people).Where(SyntheticPeople.HasSecondMembership).Select(person => (person, 1))]),
        ];
        var total = phases.Sum(phase => phase.Work.Length);
        var cpuAtStart = cpu.Sample();
        var clock = Stopwatch.StartNew();
        using var progress = new Timer(_ => log.WriteLine($"  seeded {Done:N0} of {total:N0} enrolments after {clock.Elapsed.TotalSeconds:F0} s"), null, 10_000, 10_000);
        var warmHook = new OnceAfter(2_000, afterFirstThousands);
        var method = "bulk import (POST /v1/imports)";
        var useImport = true;
        var timings = new List<SeedPhase>();
        foreach (var (name, work) in phases)
        {
            var started = clock.Elapsed;
            var before = Done;
            // The gateway reads an import as a stream, 5,000 lines a batch, with no body limit below 4 GiB: chunks of
            // up to 20,000 lines keep the requests few, and at least eight of them keep two in flight most of the time.
            _chunkLines = Math.Clamp(work.Length / 8, 1_000, 20_000);
            _next = 0;
            // The first chunk alone tells whether the gateway has the import.
            if (useImport && !await ImportChunkAsync(TakeChunk(work), cancellationToken))
            {
                useImport = false;
                method = "per-person enrolment (POST /v1/registers/{id}/members; the gateway has no /v1/imports)";
                log.WriteLine($"  /v1/imports answered 404: enrolling one person per request, {enrolConcurrency} at a time");
            }
            await (useImport ? ImportRestAsync(work, importConcurrency, warmHook, cancellationToken) : EnrolEachAsync(work, enrolConcurrency, warmHook, cancellationToken));
            timings.Add(new SeedPhase(name, Done - before, clock.Elapsed - started));
            log.WriteLine($"  {name}: {Done - before:N0} in {(clock.Elapsed - started).TotalSeconds:F1} s");
        }
        return new SeedReport(method, total, _created, _existing, _failed, clock.Elapsed, [.. _errors]) { Phases = timings, Cpu = CpuSplit.Between(cpuAtStart, cpu.Sample()) };
    }

    private async Task ImportRestAsync((int, int)[] work, int concurrency, OnceAfter warmHook, CancellationToken cancellationToken)
    {
        await warmHook.CheckAsync(Done);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (TakeChunk(work) is { Count: > 0 } chunk)
            {
                await ImportChunkAsync(chunk, cancellationToken);
                await warmHook.CheckAsync(Done);
            }
        }, cancellationToken)));
    }

    private Task EnrolEachAsync((int, int)[] work, int concurrency, OnceAfter warmHook, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (item, token) =>
        {
            var (person, membership) = item;
            var reply = await client.PostJsonAsync($"/v1/registers/{SyntheticPeople.Registers[SyntheticPeople.RegisterIndex(person, membership)]}/members",
                SyntheticPeople.EnrolmentBody(person, membership), token);
            Count(reply.Status == 201 ? 1 : 0, reply.Status == 200 ? 1 : 0, reply.IsSuccess ? 0 : 1, reply.IsSuccess ? null : reply.Describe());
            await warmHook.CheckAsync(Done);
        });

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
