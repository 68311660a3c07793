using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using PrivacyLedger.Grpc.V1;
using PrivacyLedger.Testing;
using HealthClient = Grpc.Health.V1.Health.HealthClient;

namespace PrivacyLedger.Gateway.Tests.Grpc;

/// <summary>
/// The gateway as a process, as an operator starts it (<c>--urls</c> for HTTP/JSON, <c>Grpc:Url</c> for gRPC): each
/// address serves its own API, and a TLS address needs a certificate that loads. Storage does not change how the
/// gateway listens, so this runs on SQLite only.
/// </summary>
public sealed class GrpcHostingTests : IDisposable
{
    private const string AdminKey = "hosting-admin-key";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("grpc-hosting-");

    [Fact]
    public async Task HTTP_JSON_stays_on_the_urls_and_gRPC_answers_h2c_on_its_own_address_only()
    {
        var http = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var grpc = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        using var gateway = await StartAsync(http, grpc.ToString().TrimEnd('/'));
        using var client = new HttpClient();
        using var channel = GrpcChannel.ForAddress(grpc);

        var ready = await client.GetAsync(new Uri(http, "/readyz"));
        var health = await HealthOfAsync(channel, gateway);
        var check = await new PermissionService.PermissionServiceClient(channel).CheckBatchAsync(
            new CheckBatchRequest { Purpose = "direct-marketing", Channel = Channel.Email, SubjectIds = { "no-such-subject" } },
            new Metadata { { "x-api-key", AdminKey } });
        // gRPC is not served on the HTTP/JSON address, nor HTTP/JSON on the gRPC one.
        using var grpcOnHttp = new HttpRequestMessage(HttpMethod.Post, new Uri(http, "/grpc.health.v1.Health/Check")) { Content = new ByteArrayContent(new byte[5]) };
        grpcOnHttp.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        var grpcOnHttpAnswer = await client.SendAsync(grpcOnHttp);
        using var jsonOnGrpc = new HttpRequestMessage(HttpMethod.Get, new Uri(grpc, "/readyz")) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var jsonOnGrpcAnswer = await client.SendAsync(jsonOnGrpc);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal(["unknown-subject"], Assert.Single(check.Results).Reasons);
        Assert.Equal(HttpStatusCode.NotFound, grpcOnHttpAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, jsonOnGrpcAnswer.StatusCode);
    }

    [Fact]
    public async Task An_https_address_serves_gRPC_over_TLS_with_the_configured_certificate()
    {
        var http = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var grpc = new Uri($"https://127.0.0.1:{FreePort.Next()}");
        using var certificate = SelfSigned();
        var path = Path.Combine(_work.FullName, "grpc.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        using var gateway = await StartAsync(http, grpc.ToString().TrimEnd('/'), ("Grpc__Certificate__Path", path), ("Grpc__Certificate__Password", "pfx-password"));
        using var handler = new SocketsHttpHandler();
        // The test's own certificate: trusted by its thumbprint, nothing else.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();
        using var channel = GrpcChannel.ForAddress(grpc, new GrpcChannelOptions { HttpHandler = handler });

        var health = await HealthOfAsync(channel, gateway);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    /// <summary>
    /// The gRPC health answer. A connection refused is asked again for a while, with what the process wrote when it
    /// never comes: on a loaded machine the first call has been seen refused just after /healthz answered.
    /// </summary>
    private static async Task<HealthCheckResponse> HealthOfAsync(GrpcChannel channel, RunningGateway gateway)
    {
        var health = new HealthClient(channel);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            }
            catch (RpcException refused) when (refused.StatusCode == StatusCode.Unavailable && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                Assert.False(gateway.Process.HasExited, "The gateway stopped: " + string.Join('\n', gateway.Errors));
                await Task.Delay(250);
            }
            catch (RpcException failed)
            {
                throw new Xunit.Sdk.XunitException($"gRPC health failed ({failed.Status}); the gateway {(gateway.Process.HasExited ? "exited" : "runs")} and wrote:\n{string.Join('\n', gateway.Errors)}");
            }
        }
    }

    [Theory]
    [InlineData("https://127.0.0.1:5443", null, "Grpc:Certificate:Path")]
    [InlineData("https://127.0.0.1:5443", "/nonexistent/grpc.pfx", "Grpc:Certificate:Path")]
    [InlineData("not a url", null, "Grpc:Url")]
    public async Task A_gRPC_address_or_certificate_that_cannot_work_stops_the_gateway_naming_the_key(string url, string? certificate, string key)
    {
        var gateway = new GatewayFactory(new Dictionary<string, string?>
        {
            ["Ledger:DataDirectory"] = _work.FullName,
            ["Grpc:Url"] = url,
            ["Grpc:Certificate:Path"] = certificate,
        });
        Exception failure;
        try
        {
            failure = Assert.ThrowsAny<Exception>(() => gateway.Server);
        }
        finally
        {
            // A host that refused to start has nothing to stop, and says so when asked to.
            try
            {
                await gateway.DisposeAsync();
            }
            catch (Exception exception) when (exception is InvalidOperationException or ArgumentNullException or AggregateException)
            {
            }
        }

        var invalid = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(failure is AggregateException { InnerException: { } inner } ? inner : failure);
        Assert.Contains(invalid.Failures, problem => problem.StartsWith(key, StringComparison.Ordinal));
    }

    public void Dispose() => _work.Delete(recursive: true);

    private async Task<RunningGateway> StartAsync(Uri http, string grpcUrl, params (string Key, string Value)[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = GatewayBuild.ProjectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(GatewayBuild.Dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(http.ToString().TrimEnd('/'));
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Ledger__MasterKey"] = Convert.ToBase64String("test-master-key-of-32-bytes-long"u8.ToArray());
        start.Environment["Ledger__DataDirectory"] = _work.FullName;
        start.Environment["Ledger__RegistersPath"] = Path.Combine(GatewayBuild.Root, "samples", "registers");
        start.Environment["Ledger__SigningKeys__0__Kid"] = GatewayFactory.TestSigningKid;
        start.Environment["Ledger__SigningKeys__0__PrivateKey"] = GatewayFactory.TestSigningKey;
        start.Environment["Auth__ApiKeys__0__Role"] = "admin";
        start.Environment["Auth__ApiKeys__0__Key"] = AdminKey;
        start.Environment["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = "0";
        start.Environment["Grpc__Url"] = grpcUrl;
        foreach (var (key, value) in extra)
        {
            start.Environment[key] = value;
        }
        var gateway = new RunningGateway(Process.Start(start)!);
        // Read what it writes, or it blocks on a full pipe; what went wrong is in standard error.
        gateway.Process.OutputDataReceived += (_, _) => { };
        gateway.Process.ErrorDataReceived += (_, line) => gateway.Errors.Enqueue(line.Data ?? "");
        gateway.Process.BeginOutputReadLine();
        gateway.Process.BeginErrorReadLine();
        using var client = new HttpClient();
        var started = await Eventually.TrueAsync(async () =>
        {
            Assert.False(gateway.Process.HasExited, "The gateway stopped: " + string.Join('\n', gateway.Errors));
            try
            {
                return (await client.GetAsync(new Uri(http, "/healthz"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90));
        if (!started)
        {
            gateway.Dispose();
            Assert.Fail("The gateway did not answer /healthz within 90 s.");
        }
        return gateway;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>The started process, stopped with its children when the test ends.</summary>
    private sealed class RunningGateway(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }
            Process.Dispose();
        }
    }
}
