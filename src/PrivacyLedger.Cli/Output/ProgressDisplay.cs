using System.Diagnostics;
using Spectre.Console;

namespace PrivacyLedger.Cli.Output;

/// <summary>What a long-running command reports while it runs.</summary>
internal interface IProgressView
{
    /// <param name="max">The total, or null while it is not known yet.</param>
    void Update(long value, long? max, string description);

    /// <summary>The gateway has not answered for <paramref name="outage"/>; shown until <see cref="Reachable"/>.</summary>
    void Unreachable(TimeSpan outage);

    void Reachable();
}

/// <summary>
/// A live Spectre.Console progress bar on a terminal; plain lines when output is redirected or in tests,
/// where a redrawn bar would leave a log full of escape sequences.
/// </summary>
internal static class ProgressDisplay
{
    public static Task<T> RunAsync<T>(CliContext context, Func<IProgressView, Task<T>> work)
    {
        var console = context.Console;
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi)
        {
            return work(new PlainView(context, TimeSpan.FromSeconds(10)));
        }
        return console.Progress()
            .AutoClear(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                task.IsIndeterminate = true;
                var result = await work(new LiveView(task));
                task.StopTask();
                return result;
            });
    }

    private sealed class LiveView(ProgressTask task) : IProgressView
    {
        private string _description = "";
        private string? _notice;

        public void Update(long value, long? max, string description)
        {
            task.IsIndeterminate = max is null;
            // Spectre's bar needs a positive maximum; an empty run is shown as complete.
            task.MaxValue = Math.Max(1, max ?? 1);
            task.Value = max is 0 ? 1 : value;
            _description = description;
            Show();
        }

        public void Unreachable(TimeSpan outage)
        {
            _notice = $"gateway unreachable, retrying (for {Format.Duration(outage.TotalSeconds)})";
            Show();
        }

        public void Reachable()
        {
            _notice = null;
            Show();
        }

        // Descriptions are Spectre markup; what is shown here includes server text, so it is escaped.
        private void Show() => task.Description = Markup.Escape(_notice ?? _description);
    }

    private sealed class PlainView(CliContext context, TimeSpan interval) : IProgressView
    {
        private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
        private string? _lastLine;
        private bool _unreachable;

        public void Update(long value, long? max, string description)
        {
            // The first state and then one line per interval keep a redirected log short.
            if (description != _lastLine && (_lastLine is null || _sinceLastLine.Elapsed >= interval))
            {
                context.WriteLine(description);
                _lastLine = description;
                _sinceLastLine.Restart();
            }
        }

        // One line when an outage starts and one when it ends, however many polls fail in between.
        public void Unreachable(TimeSpan outage)
        {
            if (!_unreachable)
            {
                context.WriteLine("gateway unreachable, retrying");
                _unreachable = true;
            }
        }

        public void Reachable()
        {
            if (_unreachable)
            {
                context.WriteLine("gateway reachable again");
                _unreachable = false;
            }
        }
    }
}
