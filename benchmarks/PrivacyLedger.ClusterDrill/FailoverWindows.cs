using System.Globalization;
using System.Text;

namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// The failover windows: from a kill until <c>grace</c> seconds after the node was ready again (its return moves grain
/// directory ranges too), or the next kill. A 5xx or an unanswered request is allowed only inside one; each window's
/// length is from the kill to its last such error.
/// </summary>
internal static class FailoverWindows
{
    public static (string Report, int Outside) Summarize(IReadOnlyList<Kill> kills, IReadOnlyCollection<Failure> failures, double grace)
    {
        var serverSide = failures.Where(failure => failure.IsServerSide).OrderBy(failure => failure.At).ToList();
        var report = new StringBuilder();
        report.AppendLine("| kill | node | back after | window | 5xx / no answer | by status | last error after the kill | 409 conflicts |");
        report.AppendLine("| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
        var inside = new HashSet<Failure>();
        for (var k = 0; k < kills.Count; k++)
        {
            var kill = kills[k];
            var end = Math.Min(kill.ReadyAt + grace, k + 1 < kills.Count ? kills[k + 1].KilledAt : double.MaxValue);
            var errors = serverSide.Where(failure => failure.At >= kill.KilledAt && failure.At < end).ToList();
            inside.UnionWith(errors);
            var conflicts = failures.Count(failure => failure.Status == 409 && failure.At >= kill.KilledAt && failure.At < end);
            var byStatus = string.Join(", ", errors.GroupBy(error => error.Status).OrderBy(group => group.Key).Select(group => $"{group.Count()} × {(group.Key == 0 ? "none" : group.Key.ToString(CultureInfo.InvariantCulture))}"));
            var length = errors.Count == 0 ? "no errors" : $"{errors[^1].At - kill.KilledAt:F1} s";
            report.AppendLine(CultureInfo.InvariantCulture, $"| {kill.Number} | {kill.Node} | {kill.ReadyAt - kill.KilledAt:F1} s | {end - kill.KilledAt:F1} s | {errors.Count} | {byStatus} | {length} | {conflicts} |");
        }
        var outside = serverSide.Where(failure => !inside.Contains(failure)).ToList();
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"5xx or unanswered outside every failover window: {outside.Count}");
        foreach (var failure in outside.Take(10))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- {failure.At:F1} s {failure.Kind}: {failure.Detail}");
        }
        var samples = serverSide.Where(inside.Contains).GroupBy(failure => (failure.Kind, failure.Status)).Select(group => group.First()).Take(8).ToList();
        if (samples.Count > 0)
        {
            report.AppendLine();
            report.AppendLine("What the errors inside the windows were (one of each kind and status):");
            foreach (var failure in samples)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"- {failure.Kind} {failure.Detail?.ReplaceLineEndings(" ")}");
            }
        }
        return (report.ToString(), outside.Count);
    }
}
