using System.Diagnostics;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// Runs Interop/verify_receipt.py, an ES256 JWS check written with Python's cryptography alone: an implementation of
/// receipt verification that is not ours. Exit 0 with the header and payload as JSON, 1 for a bad signature.
/// </summary>
internal static class PythonReceiptVerifier
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string receiptPath, string jwksPath)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { InteropScript(), receiptPath, jwksPath })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("python3 is needed for the independent receipt verification: install python3 and python3-cryptography (apt-get install python3-cryptography).", exception);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            if (process.ExitCode == 3)
            {
                throw new InvalidOperationException($"The independent receipt verification needs Python's cryptography: {await error}");
            }
            return (process.ExitCode, await output, await error);
        }
    }

    /// <summary>The script in the source tree (it is not copied to the output).</summary>
    private static string InteropScript() =>
        Path.Combine(GatewayBuild.Root, "tests", "PrivacyLedger.Gateway.Tests", "Interop", "verify_receipt.py");
}
