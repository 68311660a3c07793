using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using PrivacyLedger.Cli.Gateway;
using PrivacyLedger.Cli.Import;
using PrivacyLedger.Cli.Output;

namespace PrivacyLedger.Cli.Commands;

/// <summary><c>import &lt;file&gt; --register &lt;id&gt;</c>: enrols the people of a CSV or JSON Lines file, several at a time.</summary>
internal static class ImportCommand
{
    private const int MaxAttempts = 5;

    public static Command Create(CliApp app)
    {
        var file = new Argument<string>("file") { Description = "A CSV file with a header row, or JSON Lines of enrolment bodies" };
        var register = new Option<string>("--register") { Description = "The register to enrol everyone into", Required = true, HelpName = "id" };
        var format = new Option<string?>("--format") { Description = "csv or jsonl (default: from the file name; .jsonl and .ndjson are JSON Lines)" };
        format.AcceptOnlyFromAmong(ImportFile.Csv, ImportFile.JsonLinesFormat);
        var concurrency = new Option<int>("--concurrency") { Description = "How many enrolments are in flight at once", DefaultValueFactory = _ => 16, HelpName = "n" };
        concurrency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 256)
            {
                result.AddError("--concurrency must be between 1 and 256.");
            }
        });
        var source = new Option<string>("--source") { Description = "The source recorded for each enrolment when a line gives none", DefaultValueFactory = _ => "import" };

        var command = new Command("import", "Enrol the people of a CSV or JSON Lines file into a register") { file, register, format, concurrency, source };
        command.SetAction((parseResult, cancellationToken) => app.RunAsync(parseResult, cancellationToken, context =>
        {
            var path = parseResult.GetRequiredValue(file);
            if (!File.Exists(path))
            {
                throw new UsageException($"{path}: no such file.");
            }
            var importFile = new ImportFile(path, ImportFile.ChooseFormat(path, parseResult.GetValue(format)), parseResult.GetValue(source));
            return RunAsync(context, importFile, parseResult.GetRequiredValue(register), parseResult.GetValue(concurrency));
        }));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, ImportFile file, string registerId, int concurrency)
    {
        int total;
        try
        {
            total = file.CountRecords();
        }
        catch (CsvFormatException exception)
        {
            throw new UsageException($"{Path.GetFileName(file.Path)}: {exception.Message}");
        }

        var tally = new Tally();
        var clock = Stopwatch.StartNew();
        // Cancelled by Ctrl+C, or by a failure that every further line would repeat (bad key, unknown register).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stop.Token };
        var work = Parallel.ForEachAsync(file.ReadRecords(), options, async (record, token) =>
        {
            if (record.Body is null)
            {
                tally.Fail(record.Line, record.Problem ?? "unreadable");
                return;
            }
            try
            {
                var result = await EnrolAsync(context, registerId, record.Body, token);
                tally.Succeed(result.Created);
            }
            catch (GatewayException exception) when (!IsFatal(exception))
            {
                tally.Fail(record.Line, exception.Summary);
            }
            catch (Exception exception) when (exception is GatewayException or GatewayUnreachableException)
            {
                tally.Stop(exception);
                await stop.CancelAsync();
            }
        });

        await ProgressDisplay.RunAsync(context, async view =>
        {
            while (!work.IsCompleted)
            {
                view.Update(tally.Done, total, Describe(tally, total, clock.Elapsed));
                await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None));
            }
            view.Update(tally.Done, total, Describe(tally, total, clock.Elapsed));
            return true;
        });

        try
        {
            await work;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Reported below: the summary of what was done comes first, then why it stopped.
        }

        foreach (var (line, problem) in tally.Failures.OrderBy(f => f.Line))
        {
            await context.Error.WriteLineAsync($"line {line}: {problem}");
        }
        context.WriteLine($"created {Format.Count(tally.Created)}, already known {Format.Count(tally.Known)}, failed {Format.Count(tally.Failed)}"
            + $" of {Format.Count(total)} in {Format.Duration(clock.Elapsed.TotalSeconds)}");

        if (tally.StoppedBy is { } fatal)
        {
            if (tally.Done < total)
            {
                context.WriteLine($"stopped before {Format.Count(total - tally.Done)} more; enrolment is idempotent, so running the same import again is safe.");
            }
            throw fatal;
        }
        context.CancellationToken.ThrowIfCancellationRequested();
        return tally.Failed > 0 ? ExitCodes.Error : ExitCodes.Ok;
    }

    /// <summary>Sends one enrolment, retrying what a moment's wait can cure: an unreachable or busy gateway.</summary>
    private static async Task<EnrolmentResult> EnrolAsync(CliContext context, string registerId, EnrolmentBody body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await context.Gateway.EnrolAsync(registerId, body, cancellationToken);
            }
            catch (Exception exception) when (attempt < MaxAttempts && exception is GatewayUnreachableException or GatewayException { IsTransient: true })
            {
                await Task.Delay(context.Settings.RetryDelay * attempt, cancellationToken);
            }
        }
    }

    /// <summary>Answers that are about the run, not the line: every other line would get the same.</summary>
    private static bool IsFatal(GatewayException exception) => exception.Status is 401 or 403 or 404;

    private static string Describe(Tally tally, int total, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? tally.Done / elapsed.TotalSeconds : 0;
        return $"{Format.Count(tally.Done)}/{Format.Count(total)} · {Format.Rate(rate)} · created {Format.Count(tally.Created)}"
            + $" · known {Format.Count(tally.Known)} · failed {Format.Count(tally.Failed)}";
    }

    /// <summary>Counts shared by the parallel workers.</summary>
    private sealed class Tally
    {
        private readonly ConcurrentQueue<(int Line, string Problem)> _failures = new();
        private long _created;
        private long _known;
        private long _failed;
        private Exception? _stoppedBy;

        public long Created => Interlocked.Read(ref _created);

        public long Known => Interlocked.Read(ref _known);

        public long Failed => Interlocked.Read(ref _failed);

        public long Done => Created + Known + Failed;

        public IEnumerable<(int Line, string Problem)> Failures => _failures;

        public Exception? StoppedBy => Volatile.Read(ref _stoppedBy);

        public void Succeed(bool created) => Interlocked.Increment(ref created ? ref _created : ref _known);

        public void Fail(int line, string problem)
        {
            _failures.Enqueue((line, problem));
            Interlocked.Increment(ref _failed);
        }

        /// <summary>Keeps the first reason to stop; the lines cancelled after it add nothing.</summary>
        public void Stop(Exception exception) => Interlocked.CompareExchange(ref _stoppedBy, exception, null);
    }
}
