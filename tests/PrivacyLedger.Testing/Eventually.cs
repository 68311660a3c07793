namespace PrivacyLedger.Testing;

/// <summary>Waits (in real time, bounded) for something that happens on another thread, such as a timer's turn.</summary>
public static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(20);
        }
        return await condition();
    }

    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan? within = null) =>
        TrueAsync(() => Task.FromResult(condition()), within);
}
