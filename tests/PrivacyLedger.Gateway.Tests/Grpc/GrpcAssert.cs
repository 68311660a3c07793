using Google.Rpc;
using Grpc.Core;

namespace PrivacyLedger.Gateway.Tests.Grpc;

/// <summary>Asserts on gRPC failures: the status code, and the google.rpc rich detail that names what was wrong.</summary>
public static class GrpcAssert
{
    public static async Task<RpcException> FailsAsync(StatusCode code, Func<Task> call)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(failure.StatusCode == code, $"Expected {code}, got {failure.StatusCode}: {failure.Status.Detail}");
        return failure;
    }

    public static Task<RpcException> FailsAsync<T>(StatusCode code, AsyncUnaryCall<T> call) => FailsAsync(code, async () => await call);

    /// <summary>INVALID_ARGUMENT whose BadRequest names exactly <paramref name="field"/> (proto field path).</summary>
    public static async Task<RpcException> InvalidAsync<T>(string field, AsyncUnaryCall<T> call)
    {
        var failure = await FailsAsync(StatusCode.InvalidArgument, call);
        var violation = Assert.Single(Assert.IsType<BadRequest>(failure.GetRpcStatus()?.GetDetail<BadRequest>()).FieldViolations);
        Assert.Equal(field, violation.Field);
        return failure;
    }

    /// <summary>NOT_FOUND whose ResourceInfo says what kind of thing was missing.</summary>
    public static async Task<ResourceInfo> NotFoundAsync<T>(string resourceType, AsyncUnaryCall<T> call)
    {
        var failure = await FailsAsync(StatusCode.NotFound, call);
        var resource = Assert.IsType<ResourceInfo>(failure.GetRpcStatus()?.GetDetail<ResourceInfo>());
        Assert.Equal(resourceType, resource.ResourceType);
        return resource;
    }
}
