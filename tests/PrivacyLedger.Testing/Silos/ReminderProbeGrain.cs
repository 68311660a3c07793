using Orleans;
using Orleans.Runtime;

namespace PrivacyLedger.Testing.Silos;

/// <summary>A grain that registers one reminder and logs every tick with the silo its activation runs on.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    /// <summary>Registers reminder "tick" every <paramref name="period"/>; answers the silo this activation is on.</summary>
    Task<SiloAddress> StartTicking(TimeSpan period);
}

public sealed class ReminderProbeGrain(TickLog ticks, ILocalSiloDetails silo) : Grain, IReminderProbeGrain, IRemindable
{
    public async Task<SiloAddress> StartTicking(TimeSpan period)
    {
        await this.RegisterOrUpdateReminder("tick", period, period);
        return silo.SiloAddress;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ticks.Record(this.GetPrimaryKeyString(), silo.SiloAddress);
        return Task.CompletedTask;
    }
}
