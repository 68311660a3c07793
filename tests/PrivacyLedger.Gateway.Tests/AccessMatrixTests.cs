using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// R12 as served: every route the gateway maps has a row in <see cref="AccessMatrix"/>, and every role (and no key)
/// gets exactly what its row says when it calls the route. A new route without a decision fails here.
/// </summary>
public abstract class AccessMatrixTests : GatewayTestBase
{
    private static readonly string[] Callers = [.. GatewayFactory.Roles, "metrics"];

    protected override IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>
    {
        ["Auth:ApiKeys:9:Role"] = "metrics",
        ["Auth:ApiKeys:9:Key"] = GatewayFactory.KeyFor("metrics"),
        // Every route the gateway can serve: the opt-in dashboard too.
        ["Cluster:Dashboard"] = "true",
    };

    [Fact]
    public void Every_mapped_route_has_a_decision_and_every_decision_a_route()
    {
        var mapped = MappedRoutes();

        Assert.All(mapped, route => Assert.NotNull(route.Access));
        var decided = AccessMatrix.Routes.Select(r => (r.Method, r.Pattern)).ToHashSet();
        var served = mapped.Select(r => (r.Access!.Method, r.Access.Pattern)).ToHashSet();
        Assert.Empty(decided.Except(served));
    }

    [Fact]
    public async Task Every_role_gets_what_the_matrix_says_on_every_route()
    {
        var failures = new List<string>();
        foreach (var route in MappedRoutes())
        {
            var access = route.Access!;
            var anonymous = await SendAsync(route, key: null);
            if (access.Anonymous ? anonymous is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : anonymous != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{access.Method} {access.Pattern} without a key: {(int)anonymous}");
            }
            foreach (var role in Callers)
            {
                var status = await SendAsync(route, GatewayFactory.KeyFor(role));
                var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                if (access.Allows(role) == refused || (!access.Allows(role) && status != HttpStatusCode.Forbidden))
                {
                    failures.Add($"{access.Method} {access.Pattern} as {role}: {(int)status}, matrix says {(access.Allows(role) ? "allowed" : "forbidden")}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void The_narrow_roles_hold_only_their_jobs()
    {
        Assert.All(AccessMatrix.Routes.Where(r => r.Allows("marketing") && !r.Anonymous),
            r => Assert.Contains("permission", r.Pattern, StringComparison.OrdinalIgnoreCase));
        // A scraper reads what monitoring needs: the meters and the cluster's nodes, nothing personal.
        Assert.Equal(["/metrics", "/v1/cluster"], AccessMatrix.Routes.Where(r => r.Allows("metrics") && !r.Anonymous).Select(r => r.Pattern));
        // Reading a person back (their data, ledger, requests, export) is the privacy officer's alone.
        Assert.All(AccessMatrix.Routes.Where(r => r.Method == "GET" && (r.Pattern.StartsWith("/v1/subjects", StringComparison.Ordinal) && !r.Pattern.EndsWith("/permissions", StringComparison.Ordinal) || r.Pattern.StartsWith("/v1/requests", StringComparison.Ordinal))),
            r => Assert.Equal([Roles.Admin, Roles.PrivacyOfficer], r.Callers));
        // The same over gRPC, where every method is a POST.
        Assert.All(AccessMatrix.Routes.Where(r => r.Pattern is "/privacy_ledger.v1.SubjectService/Lookup" or "/privacy_ledger.v1.SubjectService/GetSubject"
                || r.Pattern.StartsWith("/privacy_ledger.v1.LedgerService/", StringComparison.Ordinal)),
            r => Assert.Equal([Roles.Admin, Roles.PrivacyOfficer], r.Callers));
        Assert.All(AccessMatrix.Routes.Where(r => r.Method == "PUT" && r.Pattern.StartsWith("/v1/registers", StringComparison.Ordinal)),
            r => Assert.Equal([Roles.Admin], r.Callers));
    }

    /// <summary>
    /// A served route; <paramref name="ContentType"/> is what its body is sent as (routing refuses others before
    /// authorization); <paramref name="Grpc"/>: a gRPC method, called as a gRPC client calls it.
    /// </summary>
    private sealed record MappedRoute(string Method, string ContentType, RouteAccess? Access, bool Grpc = false);

    /// <summary>The API's routes; the console's pages (one endpoint for GET and POST) are walked by ConsoleSecurityTests.</summary>
    private List<MappedRoute> MappedRoutes() =>
        [.. Gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Gateway.OfficerConsole.ConsoleAccessAttribute>() is null)
            .Select(e => new MappedRoute(
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Single() ?? "?",
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json",
                e.Metadata.GetMetadata<RouteAccess>(),
                e.Metadata.GetMetadata<global::Grpc.AspNetCore.Server.GrpcMethodMetadata>() is not null))];

    /// <summary>
    /// Calls the route with placeholder ids and an empty JSON object, or a gRPC method with one empty message over
    /// HTTP/2: enough to pass or fail authorization, which answers 401 and 403 to gRPC clients too (UNAUTHENTICATED,
    /// PERMISSION_DENIED). Only the headers are awaited: a streaming method answers for as long as it is open.
    /// </summary>
    private async Task<HttpStatusCode> SendAsync(MappedRoute route, string? key)
    {
        if (route.Grpc)
        {
            using var call = new HttpRequestMessage(HttpMethod.Post, route.Access!.Pattern) { Version = HttpVersion.Version20, Content = new ByteArrayContent(new byte[5]) };
            call.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
            if (key is not null)
            {
                call.Headers.Add("x-api-key", key);
            }
            using var answer = await Gateway.CreateClient().SendAsync(call, HttpCompletionOption.ResponseHeadersRead);
            return answer.StatusCode;
        }
        var path = route.Access!.Pattern.Replace("{documentName}", "v1", StringComparison.Ordinal);
        path = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "no-such-id");
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Method is not "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, route.ContentType);
        }
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        using var response = await Gateway.CreateClient().SendAsync(request);
        return response.StatusCode;
    }
}

[Collection(PostgresCollection4.Name)]
public sealed class PostgresAccessMatrixTests(PostgresClusterFixture postgres, ClassGateway shared) : AccessMatrixTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteAccessMatrixTests(ClassGateway shared) : AccessMatrixTests, IClassFixture<ClassGateway>
{
    protected override ClassGateway Shared => shared;

    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
