using System.Text.Json;

namespace PrivacyLedger.ClusterDrill;

/// <summary>The API's pages: <c>{items, next?}</c>, where <c>next</c> is a string or a number to pass as <c>after</c>.</summary>
internal static class Paging
{
    public static string? Next(JsonElement page) =>
        page.TryGetProperty("next", out var next)
            ? next.ValueKind switch
            {
                JsonValueKind.String => next.GetString(),
                JsonValueKind.Number => next.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>Every item of a paged list, following <c>next</c>; a failed page throws.</summary>
    public static async Task<List<JsonElement>> AllAsync(DrillHttp http, string kind, string path)
    {
        var items = new List<JsonElement>();
        string? after = null;
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        do
        {
            var reply = await http.GetAsync(kind, path + (after is null ? "" : $"{separator}after={Uri.EscapeDataString(after)}"));
            if (!reply.IsSuccess)
            {
                throw new InvalidOperationException($"{kind}: {reply.Describe()}");
            }
            var page = reply.Json();
            items.AddRange(page.GetProperty("items").EnumerateArray());
            after = Next(page);
        }
        while (after is not null);
        return items;
    }
}
