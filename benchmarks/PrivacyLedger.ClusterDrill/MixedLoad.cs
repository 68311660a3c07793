using System.Collections.Concurrent;
using System.Text.Json;

namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// The 90/10 load: nine permission checks (any of the load's people) to one consent change. Each worker changes only
/// its own share of the people, one change at a time, so a person's changes are ordered and the last acknowledged one
/// must be the final state. A change that got no acknowledgement (5xx, no answer, 409) is sent again, the same change,
/// until acknowledged: it may or may not have been applied the first time, and the repeat makes the outcome certain.
/// </summary>
internal sealed class MixedLoad(DrillHttp http, string[] people, int workers, AckLog acks, Timeline timeline)
{
    public const string Purpose = "direct-marketing";
    private static readonly string[][] ChannelSets = [["email"], ["email", "sms"], ["sms"], ["email", "sms", "phone"]];
    private readonly ConcurrentDictionary<string, string> _unacknowledged = new(StringComparer.Ordinal);
    private long _checks;
    private long _changes;

    public long Checks => Interlocked.Read(ref _checks);

    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Changes sent but never acknowledged when the load stopped (person → evidence): either outcome is valid.</summary>
    public IReadOnlyDictionary<string, string> Unacknowledged => _unacknowledged;

    /// <summary>Runs until <paramref name="stop"/>; a change in flight then is still pressed for up to <paramref name="patience"/>.</summary>
    public Task RunAsync(CancellationToken stop, TimeSpan patience) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(() => WorkerAsync(worker, stop, patience))));

    private async Task WorkerAsync(int worker, CancellationToken stop, TimeSpan patience)
    {
        var random = new Random(worker);
        var own = people.Where((_, index) => index % workers == worker).ToArray();
        for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            if (random.Next(10) == 0 && own.Length > 0)
            {
                await ChangeAsync(own[random.Next(own.Length)], $"drill-{worker}-{sequence}", ChannelSets[sequence % ChannelSets.Length], stop, patience);
            }
            else
            {
                await http.GetAsync("check", $"/v1/subjects/{people[random.Next(people.Length)]}/permissions?purpose={Purpose}&channel=email");
                Interlocked.Increment(ref _checks);
            }
        }
    }

    private async Task ChangeAsync(string subjectId, string evidence, string[] channels, CancellationToken stop, TimeSpan patience)
    {
        var body = JsonSerializer.Serialize(new { channels, source = "cluster-drill", evidence });
        double? stoppedAt = null;
        while (true)
        {
            var reply = await http.PutAsync("consent-change", $"/v1/subjects/{subjectId}/consents/{Purpose}", body);
            if (reply.IsSuccess)
            {
                _unacknowledged.TryRemove(subjectId, out _);
                acks.Add(new AckedChange(subjectId, evidence, channels, timeline.Now));
                Interlocked.Increment(ref _changes);
                return;
            }
            _unacknowledged[subjectId] = evidence;
            if (stop.IsCancellationRequested)
            {
                stoppedAt ??= timeline.Now;
                if (timeline.Now - stoppedAt > patience.TotalSeconds)
                {
                    return;
                }
            }
            await Task.Delay(200, CancellationToken.None);
        }
    }
}
