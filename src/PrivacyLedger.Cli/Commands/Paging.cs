using PrivacyLedger.Cli.Gateway;
using PrivacyLedger.Cli.Output;

namespace PrivacyLedger.Cli.Commands;

/// <summary>Follows a listing's <c>next</c> cursor until enough rows are read or the listing ends.</summary>
internal static class Paging
{
    /// <returns>The rows, and whether the gateway has more beyond them.</returns>
    public static async Task<(List<T> Items, bool More)> CollectAsync<T>(int limit, int maxPageSize, Func<string?, int, Task<Page<T>>> fetch)
    {
        var items = new List<T>();
        string? after = null;
        while (true)
        {
            var room = limit - items.Count;
            var page = await fetch(after, Math.Min(maxPageSize, room));
            items.AddRange(page.Items.Take(room));
            if (page.Items.Count > room || (items.Count >= limit && page.Next is not null))
            {
                return (items, true);
            }
            // A page without rows but with a cursor would loop forever; treat it as the end.
            if (page.Next is null || page.Items.Count == 0)
            {
                return (items, false);
            }
            after = page.Next;
        }
    }

    public static string Footer(int count, bool more) =>
        more ? $"{Format.Count(count)} shown; there may be more (raise --limit)" : count == 0 ? "none" : $"{Format.Count(count)} in all";
}
