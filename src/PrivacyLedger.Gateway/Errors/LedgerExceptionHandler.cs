using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Ledger;
using Orleans.Runtime;
using Orleans.Storage;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Gateway.Errors;

/// <summary>
/// Turns what the domain and Orleans throw into problem documents, so bad input is never a 5xx. Logged
/// fields are exception types and paths only: messages of binding errors may quote the request body.
/// </summary>
internal sealed partial class LedgerExceptionHandler(ILogger<LedgerExceptionHandler> logger, IOptions<JsonOptions> jsonOptions) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case LedgerValidationException invalid:
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid input", invalid.Message,
                    new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] });
                return true;
            case LedgerNotFoundException notFound:
                await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", notFound.Message);
                return true;
            case LedgerConflictException conflict:
                await Problems.WriteAsync(context, StatusCodes.Status409Conflict, "Conflict", conflict.Message);
                return true;
            case InconsistentStateException:
                await Problems.WriteAsync(context, StatusCodes.Status409Conflict, "Concurrent change",
                    "Another node changed this record at the same time; nothing was overwritten. Retry the request.");
                return true;
            case TimeoutException or OrleansMessageRejectionException or SiloUnavailableException:
                // Busy, shutting down, or a silo just died and its grains are moving: retrying shortly is safe for the
                // caller to decide (a timed-out call may have run; our changes are idempotent per request id or key).
                context.Response.Headers.RetryAfter = "1";
                await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable",
                    "The request could not be completed now and may or may not have taken effect; check, then retry shortly.");
                return true;
            case BadHttpRequestException badRequest:
                LogBadRequest(logger, badRequest.StatusCode, context.Request.Path);
                var fault = badRequest.StatusCode == StatusCodes.Status400BadRequest ? FieldAtFault(context, badRequest) : null;
                await Problems.WriteAsync(context, badRequest.StatusCode, TitleFor(badRequest.StatusCode), fault?.Message ?? DetailFor(badRequest.StatusCode),
                    fault is { } named ? new Dictionary<string, string[]> { [named.Field] = [named.Message] } : null);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The body's field or the parameter that could not be read, and what it takes.</summary>
    private (string Field, string Message)? FieldAtFault(HttpContext context, BadHttpRequestException exception)
    {
        // The exception handler middleware clears the endpoint before handlers run; its feature keeps it.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                var body = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
                return JsonErrors.Describe(json, body, jsonOptions.Value.SerializerOptions, "body");
            }
        }
        return ParameterErrors.Describe(exception, endpoint) ?? ("body", DetailFor(exception.StatusCode));
    }

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported content type",
        _ => "Invalid request",
    };

    private static string DetailFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => $"The request body is over {RequestLimits.MaxBodyBytes} bytes.",
        StatusCodes.Status415UnsupportedMediaType => "Send application/json.",
        _ => "The request body is not valid JSON of the expected shape.",
    };

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Rejected a request to {Path} with {StatusCode}")]
    private static partial void LogBadRequest(ILogger logger, int statusCode, PathString path);
}
