using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PrivacyLedger.ClusterDrill;

/// <summary>
/// Who the drill works on, imported through <c>POST /v1/imports</c> (JSON Lines) before the load: the load's people in
/// pk-terveys-customers (direct marketing is consent-based there), the erasure requests' people in pk-terveys-customers
/// and elamasi-kunnossa-customers (an erasure fanned out to two registers, no legal hold), and the campaign's people in
/// plusterveys-corporate, all last active in 2014 so that a purge of everyone inactive since 2016 selects exactly them.
/// </summary>
internal sealed class Seeding(DrillHttp http, TextWriter log)
{
    public const string LoadRegister = "pk-terveys-customers";
    public const string ErasureSecondRegister = "elamasi-kunnossa-customers";
    public const string CampaignRegister = "plusterveys-corporate";
    private const int ChunkLines = 20_000;

    /// <summary>Imports the people; answers the load's and the erasures' subject ids (the campaign finds its own).</summary>
    public async Task<(string[] LoadPeople, string[] ErasurePeople)> ImportAsync(string runId, int loadPeople, int erasurePeople, int campaignPeople)
    {
        var lines = new List<string>(loadPeople + 2 * erasurePeople + campaignPeople);
        for (var i = 0; i < loadPeople; i++)
        {
            lines.Add(Line(LoadRegister, $"{runId}-load-{i}", $"load{i}.{runId}@example.fi", "basic-data", "2026-01-01"));
        }
        for (var i = 0; i < erasurePeople; i++)
        {
            foreach (var register in new[] { LoadRegister, ErasureSecondRegister })
            {
                lines.Add(Line(register, $"{runId}-erase-{i}", $"erase{i}.{runId}@example.fi", "basic-data", "2026-01-01"));
            }
        }
        for (var i = 0; i < campaignPeople; i++)
        {
            lines.Add(Line(CampaignRegister, $"{runId}-purge-{i}", $"purge{i}.{runId}@example.fi", "contact-person", "2014-06-01"));
        }
        foreach (var chunk in lines.Chunk(ChunkLines))
        {
            var started = DateTime.UtcNow;
            var body = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join('\n', chunk) + "\n")) { Headers = { ContentType = new("application/x-ndjson") } };
            var reply = await http.SendAsync("import", HttpMethod.Post, "/v1/imports", body, CancellationToken.None);
            if (!reply.IsSuccess)
            {
                throw new InvalidOperationException("import failed: " + reply.Describe());
            }
            var totals = reply.Json();
            if (totals.GetProperty("failed").GetInt64() != 0)
            {
                throw new InvalidOperationException("import rows failed: " + reply.Describe());
            }
            log.WriteLine($"# imported {chunk.Length:N0} lines in {(DateTime.UtcNow - started).TotalSeconds:F1} s: {Encoding.UTF8.GetString(reply.Body)}");
        }
        var members = await MembersAsync(LoadRegister);
        string[] Pick(string prefix, int count)
        {
            var ids = new string[count];
            foreach (var (externalId, subjectId) in members)
            {
                if (externalId.StartsWith(prefix, StringComparison.Ordinal))
                {
                    ids[int.Parse(externalId.AsSpan(prefix.Length), CultureInfo.InvariantCulture)] = subjectId;
                }
            }
            return ids.Any(id => id is null) ? throw new InvalidOperationException($"not every {prefix}* person is a member of {LoadRegister}") : ids;
        }
        return (Pick($"{runId}-load-", loadPeople), Pick($"{runId}-erase-", erasurePeople));
    }

    /// <summary>Every member of a register as (externalId, subjectId).</summary>
    public async Task<List<(string ExternalId, string SubjectId)>> MembersAsync(string registerId) =>
        [.. (await Paging.AllAsync(http, "members", $"/v1/registers/{registerId}/members?limit=1000")).Select(item =>
            (item.TryGetProperty("externalId", out var external) ? external.GetString() ?? "" : "", item.GetProperty("subjectId").GetString()!))];

    private static string Line(string registerId, string externalId, string email, string category, string lastActivity) =>
        JsonSerializer.Serialize(new
        {
            registerId,
            identifiers = new[] { new { kind = "email", value = email } },
            externalId,
            contact = new { givenName = "Drill", familyName = "Person" },
            categories = new[] { new { id = category } },
            source = "cluster-drill",
            lastActivityAt = lastActivity + "T00:00:00Z",
        });
}
