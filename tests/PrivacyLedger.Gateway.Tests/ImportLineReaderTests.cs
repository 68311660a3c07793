using System.Text;
using System.Text.Json;
using PrivacyLedger.Gateway.Contracts;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// The import reader splits the body's bytes into lines itself (no string per line): it must find the lines, and
/// number them, exactly as <see cref="StreamReader.ReadLine"/> did before, whatever the line ends, a byte order mark,
/// blank lines, batch sizes and however the body arrives in pieces. No storage: a parser check, one engine suffices.
/// </summary>
public sealed class ImportLineReaderTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static string Line(int i) =>
        $$$"""{"registerId":"r","identifiers":[{"kind":"email","value":"p{{{i}}}@example.fi"}],"externalId":"x{{{i}}}","contact":{"givenName":"Väinö {{{i}}}"}}""";

    public static TheoryData<string> Bodies() =>
    [
        string.Join('\n', Enumerable.Range(0, 7).Select(Line)) + "\n",
        string.Join("\r\n", Enumerable.Range(0, 7).Select(Line)),
        "\uFEFF" + Line(0) + "\r" + Line(1) + "\r\n\r\n" + Line(2) + "\n \t\n" + Line(3) + "\r\r\n" + Line(4) + "\n\u00A0\u2003\n" + Line(5),
        "\n\r\n" + Line(0) + "\n{not json}\r" + Line(1) + "\n" + Line(2) + "\r",
        "\uFEFF",
        "",
    ];

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Lines_and_their_numbers_are_those_a_stream_reader_finds(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var expected = Reference(bytes);
        foreach (var (chunk, batchSize) in new[] { (1, 1), (2, 2), (3, 5000), (1 << 20, 3) })
        {
            var found = new List<(long, string)>();
            var reader = new ImportLineReader(new TrickleStream(bytes, chunk), null, Options);
            await foreach (var batch in reader.ReadBatchesAsync(batchSize, CancellationToken.None))
            {
                Assert.InRange(batch.Lines, 1, batchSize);
                found.AddRange(batch.Rows.Select(row => (row.Line, row.Enrolment.ExternalId ?? "")));
                found.AddRange(batch.Problems.Select(problem => (problem.Line, "problem")));
            }
            Assert.Equal(expected, found.OrderBy(line => line.Item1).ToList());
        }
    }

    [Fact]
    public async Task A_line_that_is_not_UTF_8_is_a_problem_of_its_own()
    {
        var bytes = Encoding.UTF8.GetBytes(Line(0) + "\n" + Line(1) + "\n" + Line(2) + "\n");
        var second = Array.IndexOf(bytes, (byte)'V', Array.IndexOf(bytes, (byte)'\n'));
        bytes[second] = 0xFF;

        var batches = new List<ImportLineBatch>();
        await foreach (var batch in new ImportLineReader(new MemoryStream(bytes), null, Options).ReadBatchesAsync(10, CancellationToken.None))
        {
            batches.Add(batch);
        }

        var only = Assert.Single(batches);
        Assert.Equal([1L, 3L], only.Rows.Select(row => row.Line));
        Assert.Equal(2L, Assert.Single(only.Problems).Line);
    }

    [Theory]
    [InlineData(4096, 1)]
    [InlineData(1 << 20, 3)]
    [InlineData(1 << 22, 5000)]
    public async Task An_overlong_line_is_one_problem_and_the_lines_after_it_are_read(int chunk, int batchSize)
    {
        var overlong = "{\"registerId\":\"r\",\"x\":\"" + new string('a', ImportLineSplitter.MaxLineBytes) + "\"}";
        var bytes = Encoding.UTF8.GetBytes(Line(0) + "\n" + overlong + "\r\n" + Line(2) + "\n" + overlong);

        var (rows, problems) = (new List<long>(), new List<(long Line, string Field)>());
        await foreach (var batch in new ImportLineReader(new TrickleStream(bytes, chunk), null, Options).ReadBatchesAsync(batchSize, CancellationToken.None))
        {
            rows.AddRange(batch.Rows.Select(row => row.Line));
            problems.AddRange(batch.Problems.Select(problem => (problem.Line, problem.Field)));
        }

        Assert.Equal([1L, 3L], rows);
        Assert.Equal([(2L, "line"), (4L, "line")], problems.OrderBy(problem => problem.Line));
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF_8_where_the_JSON_reader_would_not_look_still_make_the_line_a_problem()
    {
        var bytes = Encoding.UTF8.GetBytes(Line(0) + "\n" + Line(1)[..^1] + ",\"note\":\"Vx\"}\n" + Line(2) + "\n");
        bytes[Array.IndexOf(bytes, (byte)'x', Array.IndexOf(bytes, (byte)'\n'))] = 0xFF;

        var batches = new List<ImportLineBatch>();
        await foreach (var batch in new ImportLineReader(new MemoryStream(bytes), null, Options).ReadBatchesAsync(10, CancellationToken.None))
        {
            batches.Add(batch);
        }

        var only = Assert.Single(batches);
        Assert.Equal([1L, 3L], only.Rows.Select(row => row.Line));
        Assert.Equal((2L, "line"), Assert.Single(only.Problems) is var problem ? (problem.Line, problem.Field) : default);
    }

    // What the reader did when it read lines as strings.
    private static List<(long, string)> Reference(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes));
        var lines = new List<(long, string)>();
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Add((number, line.StartsWith('{') && line.Contains("externalId", StringComparison.Ordinal)
                    ? JsonDocument.Parse(line).RootElement.GetProperty("externalId").GetString()! : "problem"));
            }
        }
        return lines;
    }

    /// <summary>A body that arrives at most <paramref name="chunk"/> bytes at a time, so lines, line ends and the byte order mark split between reads.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
