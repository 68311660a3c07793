using Microsoft.AspNetCore.Http.Features;

namespace PrivacyLedger.Gateway.Errors;

/// <summary>
/// Bodies over 1 MiB are refused with 413 before they are read: by Content-Length at once, and by the
/// server's body size limit for chunked bodies. (Kestrel enforces the limit too; this also covers hosts without it.)
/// </summary>
internal static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The request body is over {MaxBodyBytes} bytes.");
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }
        await next(context);
    });
}
