using System.Globalization;
using System.Text;

namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// The drill: import the people, start the purge, run the 90/10 load and the erasure requests, kill -9 a node every
/// 20-30 s and restart it, stop the load, let the campaign and the requests finish, restart the whole cluster so every
/// read comes from the database, then check that nothing acknowledged was lost. Exit 0 only if nothing was.
/// </summary>
internal static class DrillRun
{
    public static async Task<int> RunAsync(DrillOptions options)
    {
        if (options.ClusterScript is null)
        {
            Console.Error.WriteLine("the drill needs --cluster-script (deploy/cluster.sh) to kill and restart nodes");
            return 2;
        }
        var log = Console.Out;
        var timeline = new Timeline();
        var cluster = new ClusterControl(options.ClusterScript);
        var random = new Random(15);
        var runId = "d" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        log.WriteLine($"# cluster drill {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC against {options.Url}: {options.Nodes} nodes, {options.Kills} kills, {options.Workers} workers, "
            + $"{options.People:N0} load people, {options.Erasures} erasures, a purge of {options.CampaignPeople:N0} at ≤ {options.CampaignRate}/s; work folder {options.Work}");
        log.WriteLine($"# {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        using var http = new DrillHttp(options.Url, options.ApiKey, options.Workers + 64, timeline);

        var seedStarted = timeline.Now;
        var (loadPeople, erasurePeople) = await new Seeding(http, log).ImportAsync(runId, options.People, options.Erasures, options.CampaignPeople);
        log.WriteLine($"# seeded in {timeline.Now - seedStarted:F1} s");

        var campaign = new PurgeCampaign(http, log);
        await campaign.StartAsync(options.CampaignRate);
        var acks = new AckLog(Path.Combine(options.Work, "acked-changes.jsonl"));
        var load = new MixedLoad(http, loadPeople, options.Workers, acks, timeline);
        var erasures = new ErasureRequests(http, log);
        using var stop = new CancellationTokenSource();
        var loadStarted = timeline.Now;
        var loadTask = load.RunAsync(stop.Token, TimeSpan.FromSeconds(60));
        var erasureTask = erasures.RunAsync(erasurePeople, TimeSpan.FromSeconds(4), stop.Token);
        var progress = ProgressAsync(log, timeline, load, acks, campaign, stop.Token);

        var kills = new KillSchedule(cluster, options.Nodes, timeline, log);
        await kills.RunAsync(options.Kills, firstAfterSeconds: 15, random);
        await Task.Delay(TimeSpan.FromSeconds(options.TailSeconds));
        await stop.CancelAsync();
        await Task.WhenAll(loadTask, erasureTask, progress);
        var loadSeconds = timeline.Now - loadStarted;
        await acks.DisposeAsync();
        log.WriteLine($"# load stopped after {loadSeconds:F0} s: {load.Checks:N0} checks ({load.Checks / loadSeconds:N0}/s), {load.Changes:N0} acknowledged consent changes ({load.Changes / loadSeconds:N0}/s)");

        var deadline = DateTime.UtcNow.AddSeconds(options.SettleSeconds);
        await campaign.WaitAsync(deadline);
        await erasures.WaitAsync(deadline);
        if (options.ColdVerify)
        {
            // Every node stopped and started again: what follows is read from the database, not from live activations.
            var restartStarted = timeline.Now;
            await cluster.RunAsync("down");
            await cluster.RunAsync("up", "--nodes", options.Nodes.ToString(CultureInfo.InvariantCulture));
            http.ResetConnections();
            log.WriteLine($"# the whole cluster restarted in {timeline.Now - restartStarted:F0} s; verifying from the database");
        }

        var problems = new List<string>();
        var statuses = await erasures.WaitAsync(DateTime.UtcNow.AddSeconds(60));
        var completed = statuses.Values.Count(status => status == "completed");
        if (erasures.Requests.Count != options.Erasures || completed != options.Erasures)
        {
            problems.Add($"erasure requests: {erasures.Requests.Count} recorded, {completed} completed, of {options.Erasures}");
        }
        var (campaignProblems, items) = await campaign.VerifyAsync(await campaign.ViewAsync(), options.CampaignPeople);
        problems.AddRange(campaignProblems);
        var purged = items.Select(item => item.SubjectId).ToList();

        var verification = new Verification(http, 16, log);
        var acked = await AckLog.ReadAsync(acks.Path);
        await verification.ConsentsAsync(acked, load.Unacknowledged);
        await verification.ChainsAsync("people whose consent changed", [.. acked.Select(change => change.SubjectId).Distinct(StringComparer.Ordinal)]);
        await verification.ChainsAsync("people erased by request", erasurePeople);
        await verification.ChainsAsync("people purged by the campaign", purged);
        // What the items say against what the ledgers say: every skipped item, and a sample of the erased ones.
        var skipped = items.Where(item => item.Status == "skipped").Select(item => item.SubjectId).ToList();
        var erasedSample = items.Where(item => item.Status == "erased").Where((_, index) => index % 50 == 0).Select(item => item.SubjectId).ToList();
        var skippedLedgers = await verification.ErasedOnceAsync("campaign people listed as skipped", skipped, Seeding.CampaignRegister);
        var erasedLedgers = await verification.ErasedOnceAsync("every 50th campaign person listed as erased", erasedSample, Seeding.CampaignRegister);
        problems.AddRange(verification.Problems.Take(20));

        var (windows, outside) = FailoverWindows.Summarize(kills.Kills, timeline.Failures, options.GraceSeconds);
        if (outside > 0)
        {
            problems.Add($"{outside} 5xx or unanswered requests outside the failover windows");
        }
        var lost = verification.LostFromState + verification.LostFromLedger;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"## Cluster drill, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- load: {loadSeconds:F0} s, {load.Checks:N0} checks and {load.Changes:N0} acknowledged consent changes ({(load.Checks + load.Changes) / loadSeconds:N0} operations/s), {options.Workers} workers");
        report.AppendLine(CultureInfo.InvariantCulture, $"- acknowledged consent changes lost: {lost} (not the final state: {verification.LostFromState}; missing from the ledger: {verification.LostFromLedger}); sent without an answer at the end: {load.Unacknowledged.Count}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- erasure requests: {erasures.Requests.Count} recorded, {completed} completed ({string.Join(", ", statuses.Values.GroupBy(s => s).Select(g => $"{g.Count()} {g.Key}"))}); creates sent again after a failure left no request: {erasures.Recreated}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- purge campaign of {options.CampaignPeople:N0}: {(campaignProblems.Count == 0 ? "every person accounted for exactly once, the register empty" : string.Join("; ", campaignProblems))}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- campaign items: {string.Join(", ", items.GroupBy(item => (item.Status, item.Note)).Select(group => $"{group.Count():N0} {group.Key.Status}{(group.Key.Note is null ? "" : $" ({group.Key.Note})")}"))}; "
            + $"in the ledgers, of the {skipped.Count:N0} skipped: {skippedLedgers.Once:N0} erased from the register exactly once, {skippedLedgers.None} never, {skippedLedgers.More} twice or more; "
            + $"of {erasedSample.Count:N0} erased (every 50th): {erasedLedgers.Once:N0} exactly once, {erasedLedgers.None} never, {erasedLedgers.More} twice or more");
        report.AppendLine(CultureInfo.InvariantCulture, $"- hash chains verified: {verification.ChainsVerified:N0} valid, {verification.InvalidChains} not");
        report.AppendLine(CultureInfo.InvariantCulture, $"- answers by kind (answers / failed incl. 4xx): {string.Join(", ", timeline.Counts.Select(count => $"{count.Kind} {count.Answers:N0}/{count.Failed:N0}"))}");
        report.AppendLine();
        report.Append(windows);
        report.AppendLine();
        report.AppendLine(problems.Count == 0 ? "PASS: nothing acknowledged was lost." : "FAIL:\n" + string.Join('\n', problems.Select(problem => "- " + problem)));
        log.WriteLine();
        log.Write(report);
        await File.WriteAllTextAsync(Path.Combine(options.Work, "report.md"), report.ToString());
        log.WriteLine($"# report in {Path.Combine(options.Work, "report.md")}, acknowledged changes in {acks.Path}");
        return problems.Count == 0 ? 0 : 1;
    }

    private static async Task ProgressAsync(TextWriter log, Timeline timeline, MixedLoad load, AckLog acks, PurgeCampaign campaign, CancellationToken stop)
    {
        long checks = 0, changes = 0;
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop);
            }
            catch (TaskCanceledException)
            {
                return;
            }
            var serverSide = timeline.Failures.Count(failure => failure.IsServerSide);
            log.WriteLine($"# {timeline.Now:F0} s: {(load.Checks - checks) / 10.0:N0} checks/s, {(load.Changes - changes) / 10.0:N0} changes/s, {acks.Count:N0} acknowledged, "
                + $"{serverSide - failures} 5xx/unanswered in 10 s, campaign {PurgeCampaign.Progress(await campaign.ViewAsync())}");
            (checks, changes, failures) = (load.Checks, load.Changes, serverSide);
        }
    }
}
