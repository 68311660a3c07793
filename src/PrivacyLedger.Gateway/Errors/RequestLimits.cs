using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace PrivacyLedger.Gateway.Errors;

/// <summary>
/// Bodies over 1 MiB are refused with 413 before they are read: by Content-Length at once, and by the
/// server's body size limit for chunked bodies. (Kestrel enforces the limit too; this also covers hosts without it.)
/// An endpoint that takes files (a campaign's subject list) raises its own limit with <see cref="IRequestSizeLimitMetadata"/>.
/// </summary>
internal static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var maximum = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
        if (context.Request.ContentLength > maximum)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The request body is over {maximum} bytes.");
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maximum;
        }
        await next(context);
    });
}
