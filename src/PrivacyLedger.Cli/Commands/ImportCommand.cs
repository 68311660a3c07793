using System.CommandLine;
using System.Diagnostics;
using PrivacyLedger.Cli.Gateway;
using PrivacyLedger.Cli.Import;
using PrivacyLedger.Cli.Output;

namespace PrivacyLedger.Cli.Commands;

/// <summary>
/// <c>import &lt;file&gt; --register &lt;id&gt;</c>: streams the people of a CSV or JSON Lines file to the gateway's bulk
/// import (<c>POST /v1/imports</c>), which creates new people in bulk and enrols known ones one by one.
/// </summary>
internal static class ImportCommand
{
    private const int MaxAttempts = 5;

    public static Command Create(CliApp app)
    {
        var file = new Argument<string>("file") { Description = "A CSV file with a header row, or JSON Lines of enrolment bodies" };
        var register = new Option<string>("--register") { Description = "The register to enrol everyone into", Required = true, HelpName = "id" };
        var format = new Option<string?>("--format") { Description = "csv or jsonl (default: from the file name; .jsonl and .ndjson are JSON Lines)" };
        format.AcceptOnlyFromAmong(ImportFile.Csv, ImportFile.JsonLinesFormat);
        var source = new Option<string>("--source") { Description = "The source recorded for each enrolment when a line gives none", DefaultValueFactory = _ => "import" };

        var command = new Command("import", "Enrol the people of a CSV or JSON Lines file into a register") { file, register, format, source };
        command.SetAction((parseResult, cancellationToken) => app.RunAsync(parseResult, cancellationToken, context =>
        {
            var path = parseResult.GetRequiredValue(file);
            if (!File.Exists(path))
            {
                throw new UsageException($"{path}: no such file.");
            }
            var importFile = new ImportFile(path, ImportFile.ChooseFormat(path, parseResult.GetValue(format)), parseResult.GetValue(source));
            return RunAsync(context, importFile, parseResult.GetRequiredValue(register));
        }));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, ImportFile file, string registerId)
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

        var clock = Stopwatch.StartNew();
        using var upload = new ImportUpload(file);
        var sending = SendAsync(context, registerId, upload);
        var result = await ProgressDisplay.RunAsync(context, async view =>
        {
            while (!sending.IsCompleted)
            {
                view.Update(upload.Read, total, Describe(upload.Read, total, clock.Elapsed));
                await Task.WhenAny(sending, Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None));
            }
            view.Update(total, total, Describe(total, total, clock.Elapsed));
            try
            {
                return await sending;
            }
            catch (Exception exception) when (exception is GatewayException or GatewayUnreachableException)
            {
                return null;
            }
        });
        if (result is null)
        {
            if (sending.Exception?.InnerException is GatewayUnreachableException or GatewayException { Status: >= 500 })
            {
                context.WriteLine("the import stopped; the batches the gateway finished stay, and running the same import again is safe (known people are not enrolled twice).");
            }
            await sending;
        }

        var failures = upload.Unreadable.Select(record => (Line: record.Line, Problem: record.Problem ?? "unreadable"))
            .Concat(result!.Errors.Select(error => (Line: upload.FileLineOf(error.Line), Problem: $"{error.Field}: {error.Detail}")))
            .OrderBy(failure => failure.Line);
        foreach (var (line, problem) in failures)
        {
            await context.Error.WriteLineAsync($"line {line}: {problem}");
        }
        if (result.ErrorsTruncated)
        {
            await context.Error.WriteLineAsync($"(the gateway listed the first {result.Errors.Count:N0} of {result.Failed:N0} failed lines)");
        }
        var failed = result.Failed + upload.Unreadable.Count;
        context.WriteLine($"created {Format.Count(result.Created)}, already known {Format.Count(result.Existing)}, failed {Format.Count(failed)}"
            + $" of {Format.Count(total)} in {Format.Duration(clock.Elapsed.TotalSeconds)}");
        context.CancellationToken.ThrowIfCancellationRequested();
        return failed > 0 ? ExitCodes.Error : ExitCodes.Ok;
    }

    /// <summary>
    /// Sends the file, again from the start when a moment's wait can cure the failure (an unreachable or busy
    /// gateway): an import is idempotent, people already imported are found and not enrolled twice.
    /// </summary>
    private static async Task<ImportResult> SendAsync(CliContext context, string registerId, ImportUpload upload)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await context.Gateway.ImportAsync(registerId, upload, context.CancellationToken);
            }
            catch (Exception exception) when (attempt < MaxAttempts && exception is GatewayUnreachableException or GatewayException { IsTransient: true })
            {
                await Task.Delay(context.Settings.RetryDelay * attempt, context.CancellationToken);
            }
        }
    }

    private static string Describe(long read, int total, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? read / elapsed.TotalSeconds : 0;
        return read < total
            ? $"{Format.Count(read)}/{Format.Count(total)} sent · {Format.Rate(rate)}"
            : $"{Format.Count(total)} sent · the gateway is finishing the last batches";
    }
}
