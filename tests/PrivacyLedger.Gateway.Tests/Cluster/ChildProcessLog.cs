using System.Diagnostics;

namespace PrivacyLedger.Gateway.Tests.Cluster;

/// <summary>A child process's standard output and error, line by line, into a file the test can show when it fails.</summary>
internal sealed class ChildProcessLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    private ChildProcessLog(string path)
    {
        Path = path;
        _writer = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    public string Path { get; }

    /// <summary>Starts <paramref name="start"/> (output redirected) with its output going to <paramref name="path"/>.</summary>
    public static (Process Process, ChildProcessLog Log) Start(ProcessStartInfo start, string path)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var log = new ChildProcessLog(path);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.OutputDataReceived += (_, line) => log.Write(line.Data);
        process.ErrorDataReceived += (_, line) => log.Write(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, log);
    }

    /// <summary>The last lines written, for a failure message.</summary>
    public string Tail(int lines = 40)
    {
        lock (_gate)
        {
            using var reader = new StreamReader(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private void Write(string? line)
    {
        lock (_gate)
        {
            // Lines may still arrive after the process was killed and the log closed.
            if (line is not null && _writer.BaseStream is not null)
            {
                _writer.WriteLine(line);
            }
        }
    }
}
