using PrivacyLedger.Ledger.Requests;

namespace PrivacyLedger.Gateway.Extensions;

/// <summary>
/// Delivers Art. 19 notifications as JSON POSTs to <c>Ledger:Notifications:WebhookUrl</c>. Any 2xx is
/// delivered; anything else (or no answer in 10 s) is retried later by the request's reminder.
/// </summary>
internal sealed partial class WebhookNotificationSender(IHttpClientFactory clients, IConfiguration configuration, ILogger<WebhookNotificationSender> logger) : INotificationSender
{
    public const string ClientName = "notifications";

    private Uri? Webhook => configuration["Ledger:Notifications:WebhookUrl"] is { Length: > 0 } url ? new Uri(url) : null;

    public bool IsConfigured => Webhook is not null;

    public async Task<bool> SendAsync(NotificationMessage message, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await clients.CreateClient(ClientName).PostAsJsonAsync(Webhook, message, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }
            LogRejected(logger, message.NotificationId, (int)response.StatusCode);
            return false;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            LogUnreachable(logger, message.NotificationId, exception.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Notification {NotificationId} was answered with {StatusCode}; it will be retried")]
    private static partial void LogRejected(ILogger logger, string notificationId, int statusCode);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Notification {NotificationId} could not be delivered ({Error}); it will be retried")]
    private static partial void LogUnreachable(ILogger logger, string notificationId, string error);
}
