using Grpc.AspNetCore.Server;

namespace PrivacyLedger.Gateway.Grpc;

/// <summary>
/// gRPC answers on the gRPC address only and HTTP/JSON on its own addresses only, so each port serves one API with
/// one set of protocols. In memory (tests' TestServer) there are no listeners and every endpoint answers.
/// </summary>
internal static class GrpcListenerSeparation
{
    public static IApplicationBuilder UseGrpcListenerSeparation(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (GrpcListeners.Of(context) is { } listener && context.GetEndpoint() is { } endpoint
            && endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is not null != (listener == GrpcListeners.Listener.Grpc))
        {
            // As if the route did not exist here: routing already chose it, so answer 404 before anything runs.
            context.SetEndpoint(null);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    });
}
