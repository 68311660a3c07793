using System.Text.Json;

namespace PrivacyLedger.LoadTest.Load;

/// <summary>
/// The ids of everyone seeded, read back through the API (the import answers counts, not ids): every register's
/// member list, a thousand a page, without duplicates (people in two registers are listed twice).
/// </summary>
internal static class SubjectIds
{
    private const int PageSize = 1_000;

    public static async Task<string[]> CollectAsync(LoadClient client, CancellationToken cancellationToken)
    {
        var pages = SyntheticPeople.Registers.Select(register => Task.Run(() => ListAsync(client, register, cancellationToken), cancellationToken));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var members in await Task.WhenAll(pages))
        {
            ids.UnionWith(members);
        }
        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> ListAsync(LoadClient client, string registerId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var path = $"/v1/registers/{registerId}/members?limit={PageSize}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var reply = await client.GetAsync(path, cancellationToken);
            if (!reply.IsSuccess)
            {
                throw new InvalidOperationException($"Listing the members of {registerId} failed: {reply.Describe()}");
            }
            using var page = JsonDocument.Parse(reply.Body);
            foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
            {
                ids.Add(item.GetProperty("subjectId").GetString()!);
            }
            after = page.RootElement.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (after is not null);
        return ids;
    }
}
