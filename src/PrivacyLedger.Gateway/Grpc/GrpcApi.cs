using System.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using PrivacyLedger.Gateway.Errors;

namespace PrivacyLedger.Gateway.Grpc;

/// <summary>
/// The gRPC API v1 beside HTTP/JSON: the services of this folder (every class deriving a generated <c>*Base</c> with a
/// <see cref="BindServiceMethodAttribute"/>, so a new service is mapped by being written), grpc.health.v1 and server
/// reflection. Mapped under the access matrix like every route: a method without a row stops the gateway at start-up.
/// </summary>
internal static class GrpcApi
{
    /// <summary>Each message as big as a JSON body may be; a stream as long as the caller keeps it open.</summary>
    private const int MaxMessageBytes = (int)RequestLimits.MaxBodyBytes;

    public static WebApplicationBuilder AddGrpcApi(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(GrpcSettings.Section);
        builder.Services.AddOptions<GrpcSettings>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GrpcSettings>, GrpcSettingsValidator>();
        var settings = section.Get<GrpcSettings>() ?? new GrpcSettings();
        if (!settings.Enabled)
        {
            return builder;
        }
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = MaxMessageBytes;
            // No catch-all endpoints answering UNIMPLEMENTED (they would be routes outside the access matrix): an
            // unknown method is a 404, which gRPC clients read as UNIMPLEMENTED all the same.
            grpc.IgnoreUnknownServices = true;
            grpc.Interceptors.Add<GrpcExceptionInterceptor>();
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddSingleton<GrpcBodies>();
        builder.Services.AddSingleton<Services.SubjectChangeBatch>();
        builder.Services.AddGrpcHealthChecks(health => health.Services.Map("", result => result.Name == ReadinessHealthCheck.Name))
            .AddCheck<ReadinessHealthCheck>(ReadinessHealthCheck.Name);
        // Checked before Kestrel binds (Program validates every setting first), so the certificate loads here.
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            GrpcListeners.Configure(kestrel, context.Configuration, context.Configuration.GetSection(GrpcSettings.Section).Get<GrpcSettings>() ?? new GrpcSettings()));
        return builder;
    }

    public static IEndpointRouteBuilder MapGrpcApi(this IEndpointRouteBuilder routes)
    {
        if (!routes.ServiceProvider.GetRequiredService<IOptions<GrpcSettings>>().Value.Enabled)
        {
            return routes;
        }
        var map = typeof(GrpcEndpointRouteBuilderExtensions).GetMethods()
            .Single(m => m.Name == nameof(GrpcEndpointRouteBuilderExtensions.MapGrpcService) && m.GetParameters().Length == 1);
        foreach (var service in Services())
        {
            var builder = (IEndpointConventionBuilder)map.MakeGenericMethod(service).Invoke(null, [routes])!;
            Conventions(builder);
        }
        Conventions(routes.MapGrpcHealthChecksService());
        Conventions(routes.MapGrpcReflectionService());
        return routes;
    }

    /// <summary>The route of a method, as the access matrix has it: <c>/privacy_ledger.v1.PermissionService/Check</c>.</summary>
    public static string MethodPath(Google.Protobuf.Reflection.ServiceDescriptor service, string method) => $"/{service.FullName}/{method}";

    /// <summary>gRPC is not an HTTP/JSON operation: out of the OpenAPI document; bodies are limited per message.</summary>
    private static void Conventions(IEndpointConventionBuilder builder)
    {
        builder.ExcludeFromDescription();
        builder.WithMetadata(new StreamBodyLimit());
    }

    private static IEnumerable<Type> Services() =>
        typeof(GrpcApi).Assembly.GetTypes().Where(type => type is { IsClass: true, IsAbstract: false }
            && type.BaseType?.GetCustomAttribute<BindServiceMethodAttribute>() is not null).OrderBy(type => type.FullName, StringComparer.Ordinal);

    /// <summary>
    /// A gRPC request's body is all of its messages: a stream of checks is as long as it is open. Each message is
    /// held to the JSON limit by <see cref="MaxMessageBytes"/> instead.
    /// </summary>
    private sealed class StreamBodyLimit : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => long.MaxValue;
    }
}
