using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// A gateway whose settings cannot work refuses to start, naming the setting at fault, instead of starting, answering
/// /readyz 200 and failing its first enrolment with 500. Started as an operator would: Production, settings only.
/// </summary>
public abstract class StartupValidationTests : GatewayTestBase
{
    private static readonly string GoodMasterKey = Convert.ToBase64String("test-master-key-of-32-bytes-long"u8.ToArray());

    [Fact]
    public async Task Production_without_a_master_key_refuses_to_start_and_says_how_to_make_one()
    {
        var problems = await StartupProblemsAsync(new() { ["Ledger:MasterKey"] = null });

        Assert.Contains(problems, problem => problem.Contains("Ledger:MasterKey") && problem.Contains("openssl rand -base64 32"));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("c2hvcnQ=")]
    public async Task A_master_key_that_is_not_base64_of_32_bytes_refuses_to_start(string masterKey)
    {
        var problems = await StartupProblemsAsync(new() { ["Ledger:MasterKey"] = masterKey });

        var problem = Assert.Single(problems);
        Assert.Contains("Ledger:MasterKey", problem);
        Assert.Contains("openssl rand -base64 32", problem);
        Assert.DoesNotContain(masterKey, problem);
    }

    [Fact]
    public async Task Production_without_an_api_key_refuses_to_start()
    {
        var problems = await StartupProblemsAsync(new() { ["Auth:ApiKeys:0:Role"] = null, ["Auth:ApiKeys:0:Key"] = null });

        Assert.Contains(problems, problem => problem.StartsWith("Auth:ApiKeys holds no API key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_keys_with_an_unknown_role_no_key_or_a_malformed_hash_refuse_to_start_each_named()
    {
        var problems = await StartupProblemsAsync(new()
        {
            ["Auth:ApiKeys:0:Role"] = "root",
            ["Auth:ApiKeys:1:Role"] = "service",
            ["Auth:ApiKeys:2:Role"] = "admin",
            ["Auth:ApiKeys:2:KeyHash"] = "abc123",
        });

        Assert.Contains(problems, problem => problem.StartsWith("Auth:ApiKeys:0:Role is not a known role", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("Auth:ApiKeys:1 needs Key or KeyHash", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("Auth:ApiKeys:2:KeyHash must be a SHA-256 in hex", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, problem => problem.Contains("abc123"));
    }

    [Fact]
    public async Task A_registers_folder_that_does_not_exist_refuses_to_start()
    {
        var problems = await StartupProblemsAsync(new() { ["Ledger:RegistersPath"] = "/nonexistent/registers" });

        Assert.Contains(problems, problem => problem.StartsWith("Ledger:RegistersPath", StringComparison.Ordinal) && problem.Contains("does not exist"));
    }

    [Fact]
    public async Task A_registers_folder_with_a_bad_definition_refuses_to_start_naming_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("registers-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "broken.yaml"), "id: broken\nnoSuchField: 1\n");

            var problems = await StartupProblemsAsync(new() { ["Ledger:RegistersPath"] = folder });

            Assert.Contains(problems, problem => problem.StartsWith("Ledger:RegistersPath", StringComparison.Ordinal) && problem.Contains("broken.yaml"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Valid_production_settings_start()
    {
        await using var gateway = ProductionGateway([]);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await gateway.CreateClient().GetAsync("/readyz")).StatusCode);
    }

    /// <summary>The settings problems a Production gateway refuses to start with: good settings, then the test's changes (null removes one).</summary>
    private async Task<IReadOnlyList<string>> StartupProblemsAsync(Dictionary<string, string?> changes)
    {
        var gateway = ProductionGateway(changes);
        Exception failure;
        try
        {
            failure = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());
        }
        finally
        {
            await DisposeUnstartedAsync(gateway);
        }
        return failure switch
        {
            OptionsValidationException invalid => [.. invalid.Failures],
            AggregateException aggregate => [.. aggregate.InnerExceptions.OfType<OptionsValidationException>().SelectMany(invalid => invalid.Failures)],
            _ => throw new Xunit.Sdk.XunitException($"The gateway failed to start, but not on its settings: {failure}"),
        };
    }

    /// <summary>
    /// A host that refused to start has nothing running, but stopping it fails (Orleans' silo was never started, and
    /// the host has no started services to reverse): that is expected here.
    /// </summary>
    private static async Task DisposeUnstartedAsync(WebApplicationFactory<Program> gateway)
    {
        try
        {
            await gateway.DisposeAsync();
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentNullException or AggregateException)
        {
        }
    }

    private WebApplicationFactory<Program> ProductionGateway(Dictionary<string, string?> changes)
    {
        var settings = new Dictionary<string, string?>(StorageSettings())
        {
            ["Ledger:MasterKey"] = GoodMasterKey,
            ["Auth:ApiKeys:0:Role"] = "admin",
            ["Auth:ApiKeys:0:Key"] = "production-admin-key",
            ["Ledger:SigningKeys:0:Kid"] = GatewayFactory.TestSigningKid,
            ["Ledger:SigningKeys:0:PrivateKey"] = GatewayFactory.TestSigningKey,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = "0",
        };
        foreach (var (key, value) in changes)
        {
            // Null: the setting is absent, as when an operator never set it.
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }
        return new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseShutdownTimeout(TimeSpan.FromSeconds(3));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
    }
}

[Collection(PostgresCollection3.Name)]
public sealed class PostgresStartupValidationTests(PostgresClusterFixture postgres) : StartupValidationTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteStartupValidationTests : StartupValidationTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}

/// <summary>The built gateway as a process, as a user starts it: bad settings end it with exit code 1 and a message per setting.</summary>
public sealed class StartupFailureProcessTests
{
    [Fact]
    public async Task Bad_settings_end_the_process_with_exit_code_1_naming_each_key_and_never_the_connection_string()
    {
        const string Password = "s3cret-pa55word";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = GatewayBuild.ProjectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(GatewayBuild.Dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{FreePort.Next()}");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Ledger"] = $"Host=127.0.0.1;Password={Password};Port=not-a-port";
        start.Environment["Orleans__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = "0";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        finally
        {
            // A gateway that started after all is not left running.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(1, process.ExitCode);
        var stderr = await error;
        Assert.Contains("Ledger:MasterKey is not set", stderr);
        Assert.Contains("openssl rand -base64 32", stderr);
        Assert.Contains("Auth:ApiKeys holds no API key", stderr);
        Assert.Contains("ConnectionStrings:Ledger is not a valid Npgsql connection string", stderr);
        Assert.DoesNotContain(Password, stderr + await output);
    }
}
