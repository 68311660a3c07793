using System.Collections.Concurrent;
using System.Net;
using Orleans;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// A recipient's webhook: answers 503 to the first <see cref="FailFirst"/> calls, then 200, none before
/// <see cref="AnswersFrom"/>; keeps every body.
/// </summary>
public sealed class NotificationWebhook : HttpMessageHandler
{
    private int _calls;

    public int FailFirst { get; set; }

    public DateTimeOffset AnswersFrom { get; set; }

    public ConcurrentQueue<string> Received { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Received.Enqueue(await request.Content!.ReadAsStringAsync(cancellationToken));
        if (AnswersFrom - DateTimeOffset.UtcNow is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, cancellationToken);
        }
        return Interlocked.Increment(ref _calls) <= FailFirst
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : new HttpResponseMessage(HttpStatusCode.OK);
    }
}

/// <summary>Holds the n-th call to one grain method until released: a turn caught mid-way, as when a process is killed.</summary>
public sealed class BlockingCallFilter(string methodName, int blockOnCall) : IIncomingGrainCallFilter
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.Name == methodName && Interlocked.Increment(ref _calls) == blockOnCall)
        {
            Reached.TrySetResult();
            await _release.Task;
            throw new OperationCanceledException("The process was stopped during this call.");
        }
        await context.Invoke();
    }
}

/// <summary>Valid, distinct Finnish identity codes for test persons (born in the 1900s, individual numbers 002–899).</summary>
public static class TestHetu
{
    private const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    public static string Next()
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 18_000));
        var individual = Random.Shared.Next(2, 900);
        var digits = $"{birth:ddMMyy}{individual:D3}";
        return $"{birth:ddMMyy}-{individual:D3}{CheckCharacters[(int)(long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 31)]}";
    }
}
