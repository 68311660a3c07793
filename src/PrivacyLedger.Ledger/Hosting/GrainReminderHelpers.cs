using Orleans;

namespace PrivacyLedger.Ledger.Hosting;

internal static class GrainReminderHelpers
{
    /// <summary>Unregisters the grain's reminder of that name if it has one; true when one was removed.</summary>
    public static async Task<bool> UnregisterReminderAsync(this Grain grain, string name)
    {
        if (await grain.GetReminder(name) is not { } reminder)
        {
            return false;
        }
        await grain.UnregisterReminder(reminder);
        return true;
    }
}
