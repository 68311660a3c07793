using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Runs Interop/grpc_interop.py: a gRPC client in Python (Debian's python3-grpcio) whose stubs protoc generates from
/// the contract's .proto files as it starts. It prints the gateway's answers as JSON; exit 3 means a package is missing.
/// </summary>
internal static class GrpcInteropClient
{
    /// <summary>The distribution's interpreter, where apt puts python3-grpcio (another python3 on PATH may lack it).</summary>
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static async Task<JsonObject> RunAsync(Uri grpcAddress, string apiKey)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            Path.Combine(GatewayBuild.Root, "tests", "PrivacyLedger.Gateway.Tests", "Interop", "grpc_interop.py"),
            "--protos", Path.Combine(GatewayBuild.Root, "src", "PrivacyLedger.Grpc.Contracts"),
            "--target", grpcAddress.Authority,
        })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PL_API_KEY"] = apiKey;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("python3 is needed for the gRPC interop test: apt-get install python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc.", exception);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The gRPC interop client took over 3 minutes: {await error}");
            }
            return process.ExitCode switch
            {
                0 => JsonNode.Parse(await output)!.AsObject(),
                3 => throw new InvalidOperationException($"The gRPC interop client lacks a package: {await error}"),
                var code => throw new InvalidOperationException($"The gRPC interop client exited with {code}: {await error}"),
            };
        }
    }
}
