using System.Globalization;
using System.Text.Json;

namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// The purge campaign over the campaign's people (everyone in plusterveys-corporate inactive since 2016), throttled so
/// it runs through several of the kills. Started before the first kill: its create is not idempotent either.
/// </summary>
internal sealed class PurgeCampaign(DrillHttp http, TextWriter log)
{
    private static readonly string[] Ended = ["completed", "cancelled", "failed"];

    public string? CampaignId { get; private set; }

    public async Task StartAsync(int maxPerSecond)
    {
        var body = JsonSerializer.Serialize(new
        {
            kind = "register-purge",
            registerId = Seeding.CampaignRegister,
            selector = new { inactiveSince = "2016-01-01T00:00:00Z" },
            dryRun = false,
            maxPerSecond,
        });
        var reply = await http.PostAsync("campaign-start", "/v1/campaigns", body);
        if (!reply.IsSuccess)
        {
            throw new InvalidOperationException("the campaign did not start: " + reply.Describe());
        }
        CampaignId = reply.Json().GetProperty("campaignId").GetString();
        log.WriteLine($"# campaign {CampaignId} started, at most {maxPerSecond:N0} people/s");
    }

    public async Task<JsonElement?> ViewAsync()
    {
        var reply = await http.GetAsync("campaign-status", $"/v1/campaigns/{CampaignId}");
        return reply.IsSuccess ? reply.Json() : null;
    }

    /// <summary>Polls until the campaign has ended or the deadline passes; answers its last view.</summary>
    public async Task<JsonElement?> WaitAsync(DateTime deadline)
    {
        JsonElement? view = null;
        while (DateTime.UtcNow < deadline)
        {
            view = await ViewAsync() ?? view;
            if (view is { } seen && Ended.Contains(seen.GetProperty("status").GetString()))
            {
                break;
            }
            await Task.Delay(2000);
        }
        return view;
    }

    /// <summary>
    /// Every person accounted for exactly once: the counters add up to the people imported, every item listed once with a
    /// final status, and the register is left without members. Answers the problems found and the items' subject ids.
    /// </summary>
    public async Task<(List<string> Problems, List<CampaignItem> Items)> VerifyAsync(JsonElement? view, int people)
    {
        var problems = new List<string>();
        if (view is not { } final)
        {
            return (["the campaign could not be read"], []);
        }
        long Count(string name) => final.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
        var status = final.GetProperty("status").GetString();
        var accounted = Count("erased") + Count("held") + Count("failed") + Count("skipped");
        log.WriteLine($"# campaign {CampaignId}: {status}, total {Count("total"):N0}, processed {Count("processed"):N0}, erased {Count("erased"):N0}, held {Count("held"):N0}, failed {Count("failed"):N0}, skipped {Count("skipped"):N0}");
        if (status != "completed")
        {
            problems.Add($"campaign status {status}, not completed");
        }
        if (Count("total") != people || Count("processed") != people || accounted != people)
        {
            problems.Add($"campaign counters: total {Count("total")}, processed {Count("processed")}, accounted {accounted}, expected {people}");
        }
        var items = (await Paging.AllAsync(http, "campaign-items", $"/v1/campaigns/{CampaignId}/items?limit=1000"))
            .Select(item => new CampaignItem(item.GetProperty("subjectId").GetString()!, item.GetProperty("status").GetString()!,
                item.TryGetProperty("note", out var note) ? note.GetString() : null))
            .ToList();
        var distinct = items.Select(item => item.SubjectId).Distinct(StringComparer.Ordinal).Count();
        var byStatus = items.GroupBy(item => (item.Status, item.Note)).ToDictionary(group => group.Key.Note is null ? group.Key.Status : $"{group.Key.Status} ({group.Key.Note})", group => group.Count());
        log.WriteLine($"# campaign items: {items.Count:N0} listed, {distinct:N0} distinct people, {string.Join(", ", byStatus.Select(pair => $"{pair.Value:N0} {pair.Key}"))}");
        if (items.Count != people || distinct != people)
        {
            problems.Add($"campaign items: {items.Count} listed, {distinct} distinct, expected {people} once each");
        }
        var open = items.Count(item => item.Status == "selected");
        if (open > 0)
        {
            problems.Add($"campaign items still open: {open}");
        }
        var left = (await http.GetAsync("members", $"/v1/registers/{Seeding.CampaignRegister}/members?limit=1")).Json().GetProperty("items").GetArrayLength();
        if (left != 0)
        {
            problems.Add($"{Seeding.CampaignRegister} still has members");
        }
        return (problems, items);
    }

    public static string Progress(JsonElement? view) =>
        view is { } seen
            ? string.Create(CultureInfo.InvariantCulture, $"{seen.GetProperty("status").GetString()} {seen.GetProperty("processed").GetInt64():N0}/{seen.GetProperty("total").GetInt64():N0}")
            : "unread";
}

/// <summary>One person's line in the campaign: status (erased, held, failed, skipped) and the note that says why.</summary>
internal sealed record CampaignItem(string SubjectId, string Status, string? Note);
