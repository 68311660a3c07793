using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PrivacyLedger.Gateway.Grpc;

/// <summary>
/// Every RPC's exceptions as gRPC statuses (<see cref="GrpcFault"/>). An unforeseen one is logged (type and stack,
/// as the HTTP side logs it) and answered INTERNAL without its message, which could quote anything.
/// </summary>
internal sealed partial class GrpcExceptionInterceptor(ILogger<GrpcExceptionInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (Translate(exception, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception exception) when (Translate(exception, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (Translate(exception, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception exception) when (Translate(exception, context) is { } status)
        {
            throw status;
        }
    }

    /// <summary>
    /// Null leaves the exception to gRPC: an RpcException says its own status, and a cancellation of the call (the
    /// client went away or its deadline passed) is answered CANCELLED or DEADLINE_EXCEEDED by the server itself.
    /// </summary>
    private RpcException? Translate(Exception exception, ServerCallContext context)
    {
        if (exception is RpcException || (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
        {
            return null;
        }
        if (GrpcFault.From(exception) is { } fault)
        {
            return fault.ToRpcException();
        }
        LogUnexpected(logger, exception, context.Method);
        return new RpcException(new Status(StatusCode.Internal, "The call failed on the server."));
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Error, Message = "gRPC call {Method} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}
